import { describe, expect, it } from 'vitest';
import { deriveImpact } from './incident-impact.js';

describe('deriveImpact', () => {
  it('uses the override when one is set', () => {
    expect(deriveImpact(['major_outage'], 'incident', 'minor')).toBe('minor');
    expect(deriveImpact([], 'maintenance', 'critical')).toBe('critical');
  });

  it('is maintenance for a maintenance without an override', () => {
    expect(deriveImpact(['major_outage'], 'maintenance', null)).toBe('maintenance');
  });

  it('is critical when an affected component is in major outage', () => {
    expect(deriveImpact(['degraded_performance', 'major_outage'], 'incident', null)).toBe('critical');
  });

  it('is major when the worst affected component is in partial outage', () => {
    expect(deriveImpact(['partial_outage', 'operational'], 'incident', null)).toBe('major');
  });

  it('is minor when the worst affected component is degraded', () => {
    expect(deriveImpact(['degraded_performance', 'under_maintenance'], 'incident', null)).toBe('minor');
  });

  it('is none when no affected component is degraded or down', () => {
    expect(deriveImpact([], 'incident', null)).toBe('none');
    expect(deriveImpact(['operational', 'under_maintenance'], 'incident', null)).toBe('none');
  });
});
