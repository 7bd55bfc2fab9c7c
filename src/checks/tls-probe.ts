import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { connect, type TLSSocket } from 'node:tls';
import type { CheckResult } from '../domain/check-result.js';
import type { TlsSpec } from '../domain/monitor.js';
import { DAY } from '../lib/time.js';
import {
  abortedResult,
  describeCertificateError,
  down,
  elapsedMs,
  failedResult,
  withDeadline,
  type Probe,
} from './probe.js';

/** Checks a TLS endpoint's certificate: down when expired or untrusted, degraded within the warning days. */
export const tlsProbe: Probe<TlsSpec> = (spec, context) =>
  withDeadline(context, async (signal) => {
    const startedAt = performance.now();
    try {
      const handshake = await handshakeWith(spec, signal);
      if ('aborted' in handshake) return abortedResult(signal, context.timeoutMs);
      return judgeCertificate(spec, handshake, elapsedMs(startedAt), context.now());
    } catch (error) {
      return failedResult(error, signal, context.timeoutMs);
    }
  });

interface Handshake {
  readonly validFrom: number;
  readonly validTo: number;
  readonly subject: string;
  readonly authorizationError: string | null;
}

function judgeCertificate(spec: TlsSpec, handshake: Handshake, latencyMs: number, now: number): CheckResult {
  const { validFrom, validTo, subject } = handshake;
  const expiresOn = new Date(validTo).toISOString().slice(0, 10);
  if (Number.isNaN(validTo) || Number.isNaN(validFrom))
    return down(`cannot read the validity of ${subject}'s certificate`, latencyMs);
  if (validTo <= now) {
    const daysAgo = Math.floor((now - validTo) / DAY);
    return down(
      `certificate expired ${daysAgo === 0 ? 'today' : `${daysAgo} day${daysAgo === 1 ? '' : 's'} ago`} (${expiresOn})`,
      latencyMs,
    );
  }
  if (validFrom > now)
    return down(`certificate is not valid before ${new Date(validFrom).toISOString()}`, latencyMs);
  if (spec.verifyTls && handshake.authorizationError !== null) {
    return down(describeCertificateError(handshake.authorizationError), latencyMs);
  }
  const daysLeft = Math.ceil((validTo - now) / DAY);
  const left = `${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
  if (validTo - now < spec.warningDays * DAY) {
    return { status: 'degraded', reason: `certificate expires in ${left} (${expiresOn})`, latencyMs };
  }
  return { status: 'up', reason: `certificate valid for ${left} (until ${expiresOn})`, latencyMs };
}

/** Completes a handshake without rejecting, so that an untrusted certificate can still be described. */
function handshakeWith(spec: TlsSpec, signal: AbortSignal): Promise<Handshake | { aborted: true }> {
  return new Promise((resolve, reject) => {
    // SNI carries names only (RFC 6066): an IP host sends none unless a servername is given.
    const servername = spec.servername ?? (isIP(spec.host) === 0 ? spec.host : undefined);
    const socket: TLSSocket = connect({
      host: spec.host,
      port: spec.port,
      servername,
      rejectUnauthorized: false,
    });
    const cleanUp = () => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
    };
    const onAbort = () => {
      cleanUp();
      resolve({ aborted: true });
    };
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate();
      const error = socket.authorizationError as Error | string | null | undefined;
      cleanUp();
      resolve({
        validFrom: Date.parse(certificate.valid_from),
        validTo: Date.parse(certificate.valid_to),
        subject: certificate.subject?.CN ?? spec.host,
        authorizationError:
          error === null || error === undefined
            ? null
            : typeof error === 'string'
              ? error
              : ((error as { code?: string }).code ?? error.message),
      });
    });
    socket.once('error', (error: Error) => {
      cleanUp();
      reject(error);
    });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
