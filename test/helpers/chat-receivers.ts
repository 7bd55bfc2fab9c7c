import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. "/bot123:abc/sendMessage". */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** How the receiver answers one request; `hang` never answers (for timeouts). */
export type Reply =
  | { readonly status: number; readonly body?: string; readonly headers?: Readonly<Record<string, string>> }
  | { readonly hang: true };

export interface ChatReceiver {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** Resolves once `count` requests have arrived in all (at once if they already have). */
  received(count: number): Promise<readonly RecordedRequest[]>;
  /** Answers the following requests this way (the default is 200 "ok"). */
  reply(answer: Reply | ((request: RecordedRequest) => Reply)): void;
  close(): Promise<void>;
}

/**
 * A stand-in for Slack, Discord, Teams, Telegram, ntfy or any webhook receiver on 127.0.0.1: it records
 * every request and answers as told, so channel tests see real HTTP with real status codes.
 */
export async function startChatReceiver(): Promise<ChatReceiver> {
  const requests: RecordedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const hanging = new Set<ServerResponse>();
  let answer: Reply | ((request: RecordedRequest) => Reply) = { status: 200, body: 'ok' };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      for (const waiter of [...waiters])
        if (requests.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      const reply = typeof answer === 'function' ? answer(request) : answer;
      if ('hang' in reply) {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
      res.end(reply.body ?? '');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    received: (count) =>
      requests.length >= count
        ? Promise.resolve(requests)
        : new Promise((resolve) => waiters.push({ count, resolve: () => resolve(requests) })),
    reply: (next) => {
      answer = next;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
