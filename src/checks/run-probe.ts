import type { CheckResult } from '../domain/check-result.js';
import type { HeartbeatSpec, MonitorSpec } from '../domain/monitor.js';
import { toError } from '../lib/to-error.js';
import { dnsProbe } from './dns-probe.js';
import { httpProbe } from './http-probe.js';
import { postgresProbe } from './postgres-probe.js';
import { abortedResult, down, formatMs, withDeadline, type ProbeContext } from './probe.js';
import { tcpProbe } from './tcp-probe.js';
import { tlsProbe } from './tls-probe.js';
import { upstreamProbe } from './upstream-probe.js';

/**
 * Runs the probe for a spec within the deadline; never rejects. Whatever the probe does, the
 * result comes by timeoutMs: a probe that ignores its signal is left behind, its outcome dropped.
 */
export async function runProbe(spec: MonitorSpec, context: ProbeContext): Promise<CheckResult> {
  try {
    return await withDeadline(context, (signal) =>
      settleByDeadline(dispatch(spec, { ...context, signal }), signal, context.timeoutMs),
    );
  } catch (error) {
    return unexpected(error);
  }
}

async function dispatch(spec: MonitorSpec, context: ProbeContext): Promise<CheckResult> {
  switch (spec.type) {
    case 'http':
      return httpProbe(spec, context);
    case 'tcp':
      return tcpProbe(spec, context);
    case 'dns':
      return dnsProbe(spec, context);
    case 'tls':
      return tlsProbe(spec, context);
    case 'postgres':
      return postgresProbe(spec, context);
    case 'upstream':
      return upstreamProbe(spec, context);
    case 'heartbeat':
      return {
        status: 'up',
        reason: 'heartbeat monitors are evaluated from pushes (checkHeartbeat), not probed',
        latencyMs: null,
      };
    default: {
      const unknownSpec: never = spec;
      return down(`no probe for monitor type ${JSON.stringify((unknownSpec as { type?: unknown }).type)}`);
    }
  }
}

function settleByDeadline(
  work: Promise<CheckResult>,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<CheckResult> {
  return new Promise((resolve) => {
    const onAbort = () => resolve(abortedResult(signal, timeoutMs));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    void work
      .then(resolve, (error: unknown) => resolve(unexpected(error)))
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function unexpected(error: unknown): CheckResult {
  return down(`probe failed unexpectedly: ${toError(error).message}`);
}

/**
 * A heartbeat monitor's status at `now`: down once the last beat (or, before any beat, the start of
 * monitoring) is older than the grace period. Pure: the push route stores beats, the scheduler asks.
 */
export function checkHeartbeat(
  lastBeatAt: number | null,
  spec: HeartbeatSpec,
  now: number,
  since: number,
): CheckResult {
  const grace = formatMs(spec.graceMs);
  if (lastBeatAt === null) {
    const waited = Math.max(0, now - since);
    if (waited <= spec.graceMs)
      return { status: 'up', reason: `waiting for the first heartbeat (grace ${grace})`, latencyMs: null };
    return down(`no heartbeat received in ${formatMs(waited)} since monitoring began (grace ${grace})`);
  }
  // A clock that jumped backwards makes the age negative: treat the beat as just received.
  const age = Math.max(0, now - lastBeatAt);
  if (age <= spec.graceMs)
    return { status: 'up', reason: `last heartbeat ${formatMs(age)} ago (grace ${grace})`, latencyMs: null };
  return down(`last heartbeat ${formatMs(age)} ago, older than the grace of ${grace}`);
}
