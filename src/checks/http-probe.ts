import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { Agent, buildConnector, request } from 'undici';
import type { CheckResult } from '../domain/check-result.js';
import type { HttpSpec } from '../domain/monitor.js';
import { DAY, SECOND } from '../lib/time.js';
import { down, elapsedMs, failedResult, formatMs, withDeadline, type Probe } from './probe.js';

const CONNECT_TIMEOUT_MS = 30 * SECOND;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
const USER_AGENT = 'Beacon (uptime monitor)';
const MAX_REMEMBERED_CERTIFICATES = 1000;

/** Checks an HTTP(S) endpoint: status, body assertions, redirects, speed and certificate expiry. */
export const httpProbe: Probe<HttpSpec> = (spec, context) =>
  withDeadline(context, async (signal) => {
    const startedAt = performance.now();
    try {
      const fetched = await fetchLimited(
        spec.url,
        {
          method: spec.method,
          headers: spec.headers,
          body: spec.body,
          maxRedirects: spec.maxRedirects,
          verifyTls: spec.verifyTls,
          maxBodyBytes: spec.maxBodyBytes,
          timeoutMs: context.timeoutMs,
        },
        signal,
      );
      const latencyMs = elapsedMs(startedAt);
      if (fetched.kind !== 'response') return down(fetched.reason, latencyMs);
      return judgeResponse(spec, fetched, latencyMs, context.now());
    } catch (error) {
      return failedResult(error, signal, context.timeoutMs);
    }
  });

function judgeResponse(
  spec: HttpSpec,
  response: FetchedResponse,
  latencyMs: number,
  now: number,
): CheckResult {
  const { statusCode } = response;
  if (!spec.acceptedStatus.some(([from, to]) => statusCode >= from && statusCode <= to)) {
    return down(`HTTP ${statusCode} (accepted: ${formatRanges(spec.acceptedStatus)})`, latencyMs);
  }
  const bodyProblem = checkBody(spec, response);
  if (bodyProblem !== null) return down(`HTTP ${statusCode}, ${bodyProblem}`, latencyMs);

  const warnings: string[] = [];
  if (spec.certExpiryWarningDays !== null) {
    const soonest = soonestCertificate(response.visited);
    if (soonest !== null) {
      const daysLeft = Math.ceil((soonest.validTo - now) / DAY);
      if (soonest.validTo <= now) return down(`certificate of ${soonest.host} has expired`, latencyMs);
      if (soonest.validTo - now < spec.certExpiryWarningDays * DAY) {
        warnings.push(
          `certificate of ${soonest.host} expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`,
        );
      }
    }
  }
  if (spec.degradedAboveMs !== null && latencyMs > spec.degradedAboveMs) {
    warnings.push(`slow: ${formatMs(latencyMs)} (degraded above ${formatMs(spec.degradedAboveMs)})`);
  }
  const status = warnings.length > 0 ? 'degraded' : 'up';
  return { status, reason: [`HTTP ${statusCode}`, ...warnings].join(', '), latencyMs };
}

/** The first failed body assertion, or null. Only the bytes read (up to the cap) are examined. */
function checkBody(spec: HttpSpec, response: FetchedResponse): string | null {
  if (spec.keyword === null && spec.regex === null && spec.jsonPath === null) return null;
  const text = decodeBody(response.body, response.headers['content-type']);
  const scope = response.truncated ? ` in the first ${response.body.length} bytes` : '';
  if (spec.keyword !== null) {
    const found = text.includes(spec.keyword);
    if (found && spec.keywordAbsent) return `keyword "${spec.keyword}" is present but must be absent`;
    if (!found && !spec.keywordAbsent) return `keyword "${spec.keyword}" not found${scope}`;
  }
  if (spec.regex !== null) {
    const found = new RegExp(spec.regex).test(text);
    if (found && spec.keywordAbsent) return `/${spec.regex}/ matches but must not`;
    if (!found && !spec.keywordAbsent) return `no match for /${spec.regex}/${scope}`;
  }
  if (spec.jsonPath !== null) return checkJson(text, spec.jsonPath, spec.jsonExpected, scope);
  return null;
}

function checkJson(text: string, path: string, expected: string | null, scope: string): string | null {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return `the body is not valid JSON${scope}`;
  }
  const segments = parseJsonPath(path);
  if (segments === null) return `json_path "${path}" cannot be parsed`;
  let value: unknown = document;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment))
      return `${path} not found in the JSON`;
    value = (value as Record<string | number, unknown>)[segment];
  }
  if (expected === null) return null;
  const actual = value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
  return actual === expected ? null : `${path} is "${actual}", expected "${expected}"`;
}

/** "$.checks[0].status", "status.db" or '$["a.b"]' → ['checks', 0, 'status']; null when malformed. */
export function parseJsonPath(path: string): (string | number)[] | null {
  const segments: (string | number)[] = [];
  const rest = path.trim().replace(/^\$/, '');
  const token = /\.?([^.[\]"']+)|\[(\d+)\]|\[(?:"([^"]*)"|'([^']*)')\]/y;
  while (token.lastIndex < rest.length) {
    const match = token.exec(rest);
    if (match === null) return null;
    const [, name, index, double, single] = match;
    segments.push(index !== undefined ? Number(index) : (name ?? double ?? single ?? ''));
  }
  return segments;
}

function decodeBody(body: Buffer, contentType: string | string[] | undefined): string {
  const charset = /charset="?([\w-]+)/i.exec(String(contentType ?? ''))?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

function formatRanges(ranges: HttpSpec['acceptedStatus']): string {
  return ranges.map(([from, to]) => (from === to ? String(from) : `${from}-${to}`)).join(', ');
}

// --- Fetching with limits, shared with the upstream probe ---

export interface FetchOptions {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  readonly maxRedirects: number;
  readonly verifyTls: boolean;
  readonly maxBodyBytes: number;
  readonly timeoutMs: number;
}

export interface FetchedResponse {
  readonly kind: 'response';
  readonly url: URL;
  readonly statusCode: number;
  readonly headers: IncomingHttpHeaders;
  /** At most maxBodyBytes: what was read before the cap stopped the stream. */
  readonly body: Buffer;
  /** Bytes received from the stream, which may exceed the cap by up to one chunk. */
  readonly bytesRead: number;
  readonly truncated: boolean;
  /** Every URL requested, the redirects included. */
  readonly visited: readonly URL[];
}

export type FetchOutcome = FetchedResponse | { readonly kind: 'refused'; readonly reason: string };

/**
 * One request with redirects counted here, timeouts and a body cap: the stream is destroyed past
 * maxBodyBytes. Network failures reject; the caller maps them with failedResult.
 */
export async function fetchLimited(
  url: string,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<FetchOutcome> {
  let target = new URL(url);
  let method = options.method.toUpperCase();
  let body = options.body;
  let headers: Record<string, string> = withUserAgent(options.headers);
  const visited: URL[] = [];
  for (;;) {
    visited.push(target);
    const response = await request(target, {
      method,
      headers,
      body,
      signal,
      dispatcher: agentFor(options.verifyTls),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const location = response.headers.location;
    if (
      options.maxRedirects > 0 &&
      REDIRECT_STATUS.has(response.statusCode) &&
      typeof location === 'string'
    ) {
      discard(response.body);
      if (visited.length > options.maxRedirects) {
        return { kind: 'refused', reason: `too many redirects (limit ${options.maxRedirects})` };
      }
      const next = URL.canParse(location, target) ? new URL(location, target) : null;
      if (next === null || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
        return {
          kind: 'refused',
          reason: `HTTP ${response.statusCode} redirects to an unsupported location "${location}"`,
        };
      }
      const toGet =
        response.statusCode === 303 ||
        ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST');
      if (toGet && method !== 'HEAD') {
        method = 'GET';
        body = null;
        headers = withoutHeaders(headers, new Set(['content-type', 'content-length']));
      }
      if (next.origin !== target.origin) headers = withoutHeaders(headers, CREDENTIAL_HEADERS);
      target = next;
      continue;
    }
    const read = await readCapped(response.body, options.maxBodyBytes);
    return {
      kind: 'response',
      url: target,
      statusCode: response.statusCode,
      headers: response.headers,
      visited,
      ...read,
    };
  }
}

/** Reads a stream up to maxBytes, then destroys it: a 1 GB answer costs at most one extra chunk. */
export async function readCapped(
  stream: Readable,
  maxBytes: number,
): Promise<{ body: Buffer; bytesRead: number; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let bytesRead = 0;
  let kept = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    const room = maxBytes - kept;
    chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    kept += Math.min(chunk.length, room);
    if (bytesRead > maxBytes) {
      discard(stream);
      return { body: Buffer.concat(chunks), bytesRead, truncated: true };
    }
  }
  return { body: Buffer.concat(chunks), bytesRead, truncated: false };
}

/** Destroys a body we will not read; undici then emits an AbortError nobody needs to hear. */
function discard(stream: Readable): void {
  stream.on('error', () => undefined);
  stream.destroy();
}

function withUserAgent(headers: Readonly<Record<string, string>>): Record<string, string> {
  const has = Object.keys(headers).some((name) => name.toLowerCase() === 'user-agent');
  return has ? { ...headers } : { ...headers, 'user-agent': USER_AGENT };
}

function withoutHeaders(headers: Record<string, string>, names: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.has(name.toLowerCase())));
}

// --- Agents and certificates ---

const agents = new Map<boolean, Agent>();
/** Expiry (epoch ms) of the certificate last presented by each "host:port", read at connect time. */
const certificateExpiry = new Map<string, number>();

function agentFor(verifyTls: boolean): Agent {
  const cached = agents.get(verifyTls);
  if (cached !== undefined) return cached;
  const connect = buildConnector({ rejectUnauthorized: verifyTls, timeout: CONNECT_TIMEOUT_MS });
  const agent = new Agent({
    connect: (options, callback) => {
      connect(options, (...args) => {
        const socket = args[1];
        if (socket instanceof TLSSocket)
          rememberCertificate(`${options.hostname}:${options.port || '443'}`, socket);
        callback(...args);
      });
    },
  });
  agents.set(verifyTls, agent);
  return agent;
}

function rememberCertificate(key: string, socket: TLSSocket): void {
  const validTo = Date.parse(socket.getPeerCertificate().valid_to);
  if (Number.isNaN(validTo)) return;
  certificateExpiry.delete(key);
  certificateExpiry.set(key, validTo);
  if (certificateExpiry.size > MAX_REMEMBERED_CERTIFICATES) {
    const oldest = certificateExpiry.keys().next().value;
    if (oldest !== undefined) certificateExpiry.delete(oldest);
  }
}

function soonestCertificate(visited: readonly URL[]): { host: string; validTo: number } | null {
  let soonest: { host: string; validTo: number } | null = null;
  for (const url of visited) {
    if (url.protocol !== 'https:') continue;
    const validTo = certificateExpiry.get(`${url.hostname}:${url.port || '443'}`);
    if (validTo !== undefined && (soonest === null || validTo < soonest.validTo))
      soonest = { host: url.host, validTo };
  }
  return soonest;
}
