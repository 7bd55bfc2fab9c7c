// The webhook receiver of `npm run bench:notify`, in its own process: answers every POST on 127.0.0.1
// with 204 and counts them.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChildMessage } from './notify-messages.js';

let messages = 0;
let bytes = 0;
const send = (message: ChildMessage) => process.send?.(message);

const server = createServer((req, res) => {
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  req.on('end', () => {
    messages += 1;
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60_000;
server.on('error', (e: Error) => send({ kind: 'failed', message: e.message }));
server.listen(0, '127.0.0.1', () => {
  send({ kind: 'listening', port: (server.address() as AddressInfo).port });
});
process.on('message', () => send({ kind: 'count', messages, bytes }));
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
