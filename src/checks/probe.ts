import { performance } from 'node:perf_hooks';
import type { CheckResult } from '../domain/check-result.js';
import type { MonitorSpec } from '../domain/monitor.js';
import { SECOND } from '../lib/time.js';
import { toError } from '../lib/to-error.js';

/** What every probe run gets: the caller's cancel signal, the deadline and the wall clock. */
export interface ProbeContext {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** Wall-clock time, for certificate expiry; durations use a monotonic timer. */
  readonly now: () => number;
}

/** A probe answers with data: a site being down is a result, never an exception. */
export type Probe<S extends MonitorSpec = MonitorSpec> = (
  spec: S,
  context: ProbeContext,
) => Promise<CheckResult>;

/**
 * Runs `work` with a signal that aborts when the caller's does or after `timeoutMs`, like
 * AbortSignal.any, but detached afterwards: on Node 20 AbortSignal.any keeps every combined signal
 * referenced from a long-lived parent (a scheduler's shutdown signal), which grows without bound.
 */
export async function withDeadline<T>(
  context: Pick<ProbeContext, 'signal' | 'timeoutMs'>,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const { signal: parent, timeoutMs } = context;
  const abortWithParent = () => controller.abort(parent.reason);
  const timer = setTimeout(
    () => controller.abort(new DOMException(`timeout after ${formatMs(timeoutMs)}`, 'TimeoutError')),
    timeoutMs,
  );
  if (parent.aborted) abortWithParent();
  else parent.addEventListener('abort', abortWithParent, { once: true });
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
    parent.removeEventListener('abort', abortWithParent);
  }
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(toError(signal.reason));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function isTimeout(signal: AbortSignal): boolean {
  return (signal.reason as { name?: unknown } | undefined)?.name === 'TimeoutError';
}

/** The result of a run cut short by the deadline or by the caller. */
export function abortedResult(signal: AbortSignal, timeoutMs: number): CheckResult {
  return down(isTimeout(signal) ? `timeout after ${formatMs(timeoutMs)}` : 'check cancelled');
}

/** Maps anything a probe caught to a down result; an aborted signal wins over the error it caused. */
export function failedResult(
  error: unknown,
  signal: AbortSignal,
  timeoutMs: number,
  prefix = '',
): CheckResult {
  if (signal.aborted) return abortedResult(signal, timeoutMs);
  return down(prefix + describeError(error));
}

export function down(reason: string, latencyMs: number | null = null): CheckResult {
  return { status: 'down', reason, latencyMs };
}

/** Milliseconds since `startedAt` (a performance.now() reading), rounded. */
export function elapsedMs(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}

/** "250 ms", "10 s", "1.5 s", "5 min" — for reasons people read. */
export function formatMs(ms: number): string {
  if (ms < SECOND) return `${Math.round(ms)} ms`;
  if (ms < 120 * SECOND) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 6000) / 10} min`;
}

const NETWORK_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed (temporary)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connect timeout',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'the body stopped arriving',
  UND_ERR_SOCKET: 'connection closed by the server',
  HPE_INVALID_CONSTANT: 'not an HTTP response',
};

const CERTIFICATE_ERRORS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknown issuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknown issuer',
  UNABLE_TO_GET_ISSUER_CERT: 'unknown issuer',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host name',
  CERT_REVOKED: 'certificate revoked',
};

/** "certificate not trusted: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)". */
export function describeCertificateError(code: string): string {
  const phrase = CERTIFICATE_ERRORS[code];
  return `certificate not trusted: ${phrase === undefined ? code : `${phrase} (${code})`}`;
}

/** A short reason from a network, TLS or driver error: "connection refused (127.0.0.1:5432)". */
export function describeError(value: unknown): string {
  type NetworkError = Error & { code?: unknown; address?: unknown; port?: unknown };
  // Happy-eyeballs connects (Node 20+) may fail with an AggregateError holding one error per address.
  const single: unknown =
    value instanceof AggregateError && !('code' in value) ? (value.errors[0] ?? value) : value;
  const error: NetworkError = toError(single);
  const code = typeof error.code === 'string' ? error.code : '';
  if (code in CERTIFICATE_ERRORS || /CERT|_SIGNATURE|ISSUER/.test(code))
    return describeCertificateError(code);
  const phrase = NETWORK_ERRORS[code];
  if (phrase === undefined) return error.message === '' ? error.name : error.message;
  const port = typeof error.port === 'number' ? `:${error.port}` : '';
  return typeof error.address === 'string' ? `${phrase} (${error.address}${port})` : phrase;
}
