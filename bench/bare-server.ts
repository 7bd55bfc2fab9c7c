// Child process: the yardstick. Fetches each document from Beacon once, then serves the same bytes and
// headers with plain node:http, so Beacon's ratio to it measures only the framework and route overhead.
import { get, createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { toError } from '../src/lib/to-error.js';
import type { ChildMessage, ParentMessage } from './bench-messages.js';

interface FixedResponse {
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer;
  readonly etag: string | undefined;
}

// Set by node:http itself (or meaningless on a copy); everything else is copied verbatim.
const NOT_COPIED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

const send = (message: ChildMessage) => process.send?.(message);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { origin: { type: 'string' }, path: { type: 'string', multiple: true } },
  });
  if (values.origin === undefined || values.path === undefined)
    throw new Error('usage: bare-server --origin URL --path P [--path P]');
  const responses = new Map<string, FixedResponse>();
  for (const path of values.path) responses.set(path, await fetchOnce(new URL(path, values.origin)));

  const server = createServer((request, response) => {
    const fixed = responses.get(request.url ?? '');
    if (fixed === undefined) {
      response.writeHead(404).end();
      return;
    }
    if (fixed.etag !== undefined && request.headers['if-none-match'] === fixed.etag) {
      response.writeHead(304, { etag: fixed.etag }).end();
      return;
    }
    response.writeHead(200, fixed.headers).end(fixed.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  process.on('message', (message: ParentMessage) => {
    if (message.kind !== 'memory') return;
    const { rss, heapUsed } = process.memoryUsage();
    send({ kind: 'memory', stats: { rssBytes: rss, heapUsedBytes: heapUsed, backgroundRebuilds: null } });
  });
  process.once('disconnect', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
  send({ kind: 'ready', port: (server.address() as AddressInfo).port, startup: null });
}

function fetchOnce(url: URL): Promise<FixedResponse> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        if (response.statusCode !== 200) {
          reject(new Error(`${url.href} answered ${response.statusCode ?? '?'}, expected 200`));
          return;
        }
        const body = Buffer.concat(chunks);
        resolve({
          headers: { ...copyHeaders(response.headers), 'content-length': body.length },
          body,
          etag: response.headers.etag,
        });
      });
    }).on('error', reject);
  });
}

function copyHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(([name, value]) => value !== undefined && !NOT_COPIED.has(name)),
  );
}

main().catch((e: unknown) => {
  send({ kind: 'failed', message: toError(e).stack ?? String(e) });
  process.exitCode = 1;
  process.disconnect?.();
});
