// The SMTP server of `npm run bench:notify`, in its own process: accepts every mail on 127.0.0.1 and
// counts them. It stores nothing, so it measures Beacon, not a mail store.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { ChildMessage } from './notify-messages.js';

let messages = 0;
let bytes = 0;
const send = (message: ChildMessage) => process.send?.(message);

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  size: 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    stream.on('end', () => {
      messages += 1;
      callback();
    });
  },
});
server.on('error', (e: Error) => send({ kind: 'failed', message: e.message }));
server.listen(0, '127.0.0.1', () => {
  send({ kind: 'listening', port: (server.server.address() as AddressInfo).port });
});
process.on('message', () => send({ kind: 'count', messages, bytes }));
process.on('disconnect', () => server.close(() => process.exit(0)));
