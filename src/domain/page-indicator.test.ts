import { describe, expect, it } from 'vitest';
import type { ComponentStatus } from './component-status.js';
import { INDICATORS, rollUpGroupStatus, rollUpIndicator } from './page-indicator.js';

describe('rollUpIndicator', () => {
  it('reports all systems operational when the page has no leaf components', () => {
    expect(rollUpIndicator([])).toEqual({ indicator: 'none', description: 'All Systems Operational' });
  });

  it('reports all systems operational when every leaf is operational', () => {
    expect(rollUpIndicator(['operational', 'operational'])).toEqual({
      indicator: 'none',
      description: 'All Systems Operational',
    });
  });

  it('reports a critical major system outage when every leaf is in major outage', () => {
    expect(rollUpIndicator(['major_outage', 'major_outage'])).toEqual({
      indicator: 'critical',
      description: 'Major System Outage',
    });
  });

  it('reports a major partial system outage when some leaf is in major outage', () => {
    expect(rollUpIndicator(['major_outage', 'operational'])).toEqual({
      indicator: 'major',
      description: 'Partial System Outage',
    });
  });

  it('reports a major partial system outage when every leaf is in partial outage', () => {
    expect(rollUpIndicator(['partial_outage', 'partial_outage'])).toEqual({
      indicator: 'major',
      description: 'Partial System Outage',
    });
  });

  it('reports a minor service outage when some leaf is in partial outage', () => {
    expect(rollUpIndicator(['partial_outage', 'operational'])).toEqual({
      indicator: 'minor',
      description: 'Minor Service Outage',
    });
  });

  it('reports degraded system service when every leaf is degraded', () => {
    expect(rollUpIndicator(['degraded_performance', 'degraded_performance'])).toEqual({
      indicator: 'minor',
      description: 'Degraded System Service',
    });
  });

  it('reports partially degraded service when some leaf is degraded', () => {
    expect(rollUpIndicator(['degraded_performance', 'operational'])).toEqual({
      indicator: 'minor',
      description: 'Partially Degraded Service',
    });
  });

  it('reports maintenance when leaves are under maintenance and nothing is worse', () => {
    expect(rollUpIndicator(['under_maintenance', 'operational'])).toEqual({
      indicator: 'maintenance',
      description: 'Service Under Maintenance',
    });
    expect(rollUpIndicator(['under_maintenance'])).toEqual({
      indicator: 'maintenance',
      description: 'Service Under Maintenance',
    });
  });

  it('lets degraded performance outrank maintenance', () => {
    expect(rollUpIndicator(['under_maintenance', 'degraded_performance']).description).toBe(
      'Partially Degraded Service',
    );
  });

  it('lets a partial outage outrank degraded performance', () => {
    expect(rollUpIndicator(['partial_outage', 'degraded_performance'])).toEqual({
      indicator: 'minor',
      description: 'Minor Service Outage',
    });
  });

  it('lets a major outage outrank maintenance', () => {
    expect(rollUpIndicator(['major_outage', 'under_maintenance'])).toEqual({
      indicator: 'major',
      description: 'Partial System Outage',
    });
  });

  it('treats a major outage mixed with partial outages as a partial system outage', () => {
    expect(rollUpIndicator(['major_outage', 'partial_outage']).description).toBe('Partial System Outage');
  });

  it('only ever returns a known indicator', () => {
    const statuses: ComponentStatus[][] = [[], ['operational'], ['major_outage'], ['under_maintenance']];
    for (const leaves of statuses) expect(INDICATORS).toContain(rollUpIndicator(leaves).indicator);
  });
});

describe('rollUpGroupStatus', () => {
  it('is operational for a group without children', () => {
    expect(rollUpGroupStatus([])).toBe('operational');
  });

  it('takes the worst child status', () => {
    expect(rollUpGroupStatus(['operational', 'partial_outage', 'degraded_performance'])).toBe(
      'partial_outage',
    );
  });

  it('ranks degraded performance above maintenance', () => {
    expect(rollUpGroupStatus(['under_maintenance', 'degraded_performance'])).toBe('degraded_performance');
    expect(rollUpGroupStatus(['operational', 'under_maintenance'])).toBe('under_maintenance');
  });
});
