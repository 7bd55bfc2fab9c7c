import { Resolver } from 'node:dns/promises';
import { performance } from 'node:perf_hooks';
import type { DnsSpec } from '../domain/monitor.js';
import { abortable, down, elapsedMs, failedResult, withDeadline, type Probe } from './probe.js';

const DNS_ERRORS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'NXDOMAIN: the name does not exist',
  ENODATA: 'no records of this type',
  ESERVFAIL: 'SERVFAIL from the resolver',
  EREFUSED: 'the resolver refused the query',
  ETIMEOUT: 'the resolver did not answer',
  ECONNREFUSED: 'the resolver refused the connection',
  EBADRESP: 'bad answer from the resolver',
};

/** Resolves one record type, optionally against a given resolver, and checks the expected values. */
export const dnsProbe: Probe<DnsSpec> = (spec, context) =>
  withDeadline(context, async (signal) => {
    const startedAt = performance.now();
    const resolver = new Resolver({ timeout: Math.max(1, context.timeoutMs), tries: 1 });
    try {
      if (spec.resolver !== null) resolver.setServers([spec.resolver]);
    } catch {
      return down(
        `invalid resolver "${spec.resolver}"; write an IP address with an optional port, e.g. 127.0.0.1:53`,
      );
    }
    const cancel = () => resolver.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    try {
      const values = await abortable(lookup(resolver, spec), signal);
      const latencyMs = elapsedMs(startedAt);
      const got = values.map((v) => normalize(spec.recordType, v));
      const missing = spec.expected.filter((want) => !matches(spec.recordType, want, got, values));
      if (missing.length > 0) {
        return down(
          `${spec.recordType} ${spec.hostname} lacks ${missing.join(', ')} (got ${summarize(values)})`,
          latencyMs,
        );
      }
      return { status: 'up', reason: `${spec.recordType} ${summarize(values)}`, latencyMs };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const phrase = typeof code === 'string' && !signal.aborted ? DNS_ERRORS[code] : undefined;
      if (phrase !== undefined)
        return down(`${spec.recordType} ${spec.hostname}: ${phrase}`, elapsedMs(startedAt));
      return failedResult(error, signal, context.timeoutMs, `${spec.recordType} ${spec.hostname}: `);
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  });

/** Every answer as display text: "10.0.0.1", "10 mail.example.com", the TXT chunks joined. */
async function lookup(resolver: Resolver, spec: DnsSpec): Promise<string[]> {
  switch (spec.recordType) {
    case 'A':
      return resolver.resolve4(spec.hostname);
    case 'AAAA':
      return resolver.resolve6(spec.hostname);
    case 'CNAME':
      return resolver.resolveCname(spec.hostname);
    case 'MX':
      return (await resolver.resolveMx(spec.hostname)).map((mx) => `${mx.priority} ${mx.exchange}`);
    case 'TXT':
      return (await resolver.resolveTxt(spec.hostname)).map((chunks) => chunks.join(''));
  }
}

function normalize(type: DnsSpec['recordType'], value: string): string {
  const trimmed = value.trim();
  switch (type) {
    case 'TXT':
      return trimmed;
    case 'AAAA':
      return URL.canParse(`http://[${trimmed}]`)
        ? new URL(`http://[${trimmed}]`).hostname.slice(1, -1)
        : trimmed.toLowerCase();
    default:
      return trimmed.toLowerCase().replace(/\.$/, '').replace(/\s+/g, ' ');
  }
}

/** An MX expectation may name the exchange alone or "priority exchange". */
function matches(
  type: DnsSpec['recordType'],
  want: string,
  got: readonly string[],
  raw: readonly string[],
): boolean {
  const expected = normalize(type, want);
  if (got.includes(expected)) return true;
  if (type === 'MX')
    return raw.some((value) => normalize(type, value.split(' ').slice(1).join(' ')) === expected);
  return false;
}

function summarize(values: readonly string[]): string {
  if (values.length === 0) return 'no records';
  const shown = values.slice(0, 5).map((v) => (v.length > 80 ? `${v.slice(0, 77)}...` : v));
  return shown.join(', ') + (values.length > 5 ? ` and ${values.length - 5} more` : '');
}
