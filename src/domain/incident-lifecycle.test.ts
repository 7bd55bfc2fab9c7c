import { describe, expect, it } from 'vitest';
import { allowedStatuses, isAllowedStatus, isClosedStatus, lifecycleTimes } from './incident-lifecycle.js';

describe('incident lifecycle', () => {
  it('treats resolved, postmortem and completed as closed', () => {
    expect(['resolved', 'postmortem', 'completed'].every((s) => isClosedStatus(s as 'resolved'))).toBe(true);
    expect(
      ['investigating', 'identified', 'monitoring', 'scheduled', 'in_progress', 'verifying'].some((s) =>
        isClosedStatus(s as 'resolved'),
      ),
    ).toBe(false);
  });

  it('lets incidents and maintenances use only their own statuses', () => {
    expect(allowedStatuses('incident')).toEqual(['investigating', 'identified', 'monitoring', 'resolved']);
    expect(isAllowedStatus('maintenance', 'in_progress')).toBe(true);
    expect(isAllowedStatus('incident', 'in_progress')).toBe(false);
    expect(isAllowedStatus('maintenance', 'identified')).toBe(false);
  });

  it('stamps monitoring and resolution once and clears them when an incident reopens', () => {
    const open = { monitoringAt: null, resolvedAt: null };
    const monitored = lifecycleTimes(open, 'monitoring', 100);
    expect(monitored).toEqual({ monitoringAt: 100, resolvedAt: null });
    expect(lifecycleTimes(monitored, 'monitoring', 200)).toEqual({ monitoringAt: 100, resolvedAt: null });
    const resolved = lifecycleTimes(monitored, 'resolved', 300);
    expect(resolved).toEqual({ monitoringAt: 100, resolvedAt: 300 });
    expect(lifecycleTimes(resolved, 'postmortem', 400)).toEqual({ monitoringAt: 100, resolvedAt: 300 });
    expect(lifecycleTimes(resolved, 'investigating', 500)).toEqual({ monitoringAt: null, resolvedAt: null });
  });
});
