// The monitored service for `npm run bench:checks`: answers every request 200 "ok" at once, on loopback only.
// Forked by bench-checks; exits when the parent disconnects.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TargetChildMessage } from './checks-messages.js';
import { MINUTE } from '../src/lib/time.js';

let requests = 0;
const server = createServer((_request, response) => {
  requests++;
  response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
  response.end('ok');
});
// The probes keep connections alive between checks; do not close them under the scheduler.
server.keepAliveTimeout = 5 * MINUTE;

function send(message: TargetChildMessage): void {
  process.send?.(message);
}

process.on('message', (message: unknown) => {
  if ((message as { kind?: unknown }).kind === 'served')
    send({ kind: 'served', requests, cpuMicros: sumCpu(process.cpuUsage()) });
});
process.once('disconnect', () => {
  server.closeAllConnections();
  server.close();
  process.exit(0);
});

server.listen(0, '127.0.0.1', () =>
  send({ kind: 'listening', port: (server.address() as AddressInfo).port }),
);

function sumCpu(usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system;
}
