import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { CheckResult } from '../domain/check-result.js';
import { isComponentStatus, type ComponentStatus } from '../domain/component-status.js';
import type { UpstreamSpec } from '../domain/monitor.js';
import { fetchLimited } from './http-probe.js';
import { down, elapsedMs, failedResult, withDeadline, type Probe } from './probe.js';

const MAX_SUMMARY_BYTES = 4 * 1024 * 1024;
const MAX_REDIRECTS = 5;

const INDICATOR_STATUS: Readonly<Record<string, ComponentStatus>> = {
  none: 'operational',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
  maintenance: 'under_maintenance',
};

const CHECK_STATUS: Readonly<Record<ComponentStatus, CheckResult['status']>> = {
  operational: 'up',
  under_maintenance: 'up',
  degraded_performance: 'degraded',
  partial_outage: 'down',
  major_outage: 'down',
};

// Only the fields we read; vendors add many more.
const summarySchema = z.looseObject({
  status: z.looseObject({ indicator: z.string(), description: z.string().optional() }).optional(),
  components: z.array(z.looseObject({ id: z.string(), name: z.string(), status: z.string() })).optional(),
});
type Summary = z.infer<typeof summarySchema>;

/** Mirrors one component (by id or name) of a Statuspage-compatible summary.json, or its page indicator. */
export const upstreamProbe: Probe<UpstreamSpec> = (spec, context) =>
  withDeadline(context, async (signal) => {
    const startedAt = performance.now();
    try {
      const fetched = await fetchLimited(
        spec.url,
        {
          method: 'GET',
          headers: { accept: 'application/json' },
          body: null,
          maxRedirects: MAX_REDIRECTS,
          verifyTls: true,
          maxBodyBytes: MAX_SUMMARY_BYTES,
          timeoutMs: context.timeoutMs,
        },
        signal,
      );
      const latencyMs = elapsedMs(startedAt);
      if (fetched.kind !== 'response') return down(`upstream: ${fetched.reason}`, latencyMs);
      if (fetched.statusCode < 200 || fetched.statusCode > 299)
        return down(`upstream answered HTTP ${fetched.statusCode}`, latencyMs);
      if (fetched.truncated)
        return down(`upstream summary is larger than ${MAX_SUMMARY_BYTES} bytes`, latencyMs);
      let json: unknown;
      try {
        json = JSON.parse(fetched.body.toString('utf8'));
      } catch {
        return down('upstream summary is not valid JSON', latencyMs);
      }
      const summary = summarySchema.safeParse(json);
      if (!summary.success)
        return down('upstream summary is not a Statuspage summary.json (no status or components)', latencyMs);
      return mirror(spec, summary.data, latencyMs);
    } catch (error) {
      return failedResult(error, signal, context.timeoutMs, 'upstream: ');
    }
  });

function mirror(spec: UpstreamSpec, summary: Summary, latencyMs: number): CheckResult {
  if (spec.component === null) {
    if (summary.status === undefined)
      return down('upstream summary has no page status; name a component to mirror', latencyMs);
    const { indicator, description } = summary.status;
    const mirrored = INDICATOR_STATUS[indicator];
    const said = `upstream page indicator is ${indicator}${description === undefined ? '' : ` (${description})`}`;
    if (mirrored === undefined) return down(`unknown ${said}`, latencyMs);
    return { status: CHECK_STATUS[mirrored], reason: said, latencyMs, mirroredStatus: mirrored };
  }
  const components = summary.components ?? [];
  const wanted = spec.component;
  const found =
    components.find((c) => c.id === wanted) ??
    components.find((c) => c.name === wanted) ??
    components.find((c) => c.name.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (found === undefined) {
    const known = components.slice(0, 10).map((c) => `"${c.name}"`);
    const more = components.length > 10 ? ` and ${components.length - 10} more` : '';
    return down(
      `upstream has no component "${wanted}"; it has ${known.length === 0 ? 'none' : known.join(', ') + more}`,
      latencyMs,
    );
  }
  if (!isComponentStatus(found.status))
    return down(`upstream component "${found.name}" has an unknown status "${found.status}"`, latencyMs);
  return {
    status: CHECK_STATUS[found.status],
    reason: `upstream component "${found.name}" is ${found.status}`,
    latencyMs,
    mirroredStatus: found.status,
  };
}
