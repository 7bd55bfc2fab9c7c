import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { startHttpServer, type TestServer } from './hostile-servers.js';

export interface ReceivedHook {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface HookResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface WebhookReceiver extends TestServer {
  readonly hooks: ReceivedHook[];
  /** How to answer the n-th request (0-based); 200 unless told otherwise. */
  respond: (request: ReceivedHook, index: number) => HookResponse;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that records every request and answers as the test says. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const hooks: ReceivedHook[] = [];
  const receiver = {
    hooks,
    respond: (() => ({ status: 200 })) as WebhookReceiver['respond'],
  };
  const server = await startHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const hook = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      hooks.push(hook);
      const answer = receiver.respond(hook, hooks.length - 1);
      response.writeHead(answer.status, answer.headers ?? {}).end();
    });
  });
  return Object.assign(receiver, server);
}

/** The receiver's side of X-Beacon-Signature, computed independently of Beacon's code. */
export function expectedSignature(secret: string, hook: ReceivedHook): string {
  const timestamp = String(hook.headers['x-beacon-timestamp']);
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${hook.body}`).digest('hex')}`;
}
