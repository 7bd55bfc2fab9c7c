import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { CheckResult } from '../domain/check-result.js';
import type { TcpSpec } from '../domain/monitor.js';
import { abortedResult, down, elapsedMs, failedResult, withDeadline, type Probe } from './probe.js';

/** Checks that a TCP port accepts connections; the socket is closed as soon as it opens. */
export const tcpProbe: Probe<TcpSpec> = (spec, context) =>
  withDeadline(
    context,
    (signal) =>
      new Promise<CheckResult>((resolve) => {
        const startedAt = performance.now();
        const socket = connect({ host: spec.host, port: spec.port });
        const finish = (result: CheckResult) => {
          signal.removeEventListener('abort', onAbort);
          socket.destroy();
          resolve(result);
        };
        const onAbort = () => finish(abortedResult(signal, context.timeoutMs));
        socket.once('connect', () =>
          finish({ status: 'up', reason: `port ${spec.port} open`, latencyMs: elapsedMs(startedAt) }),
        );
        socket.once('error', (error) => finish(failedResult(error, signal, context.timeoutMs)));
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      }),
  ).catch((error: unknown) => down(`cannot connect: ${String(error)}`));
