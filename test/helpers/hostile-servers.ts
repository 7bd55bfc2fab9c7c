import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { TestCertificate } from './tls-cert.js';

export const GIB = 1024 * 1024 * 1024;
export const CHUNK_BYTES = 64 * 1024;

export interface TestServer {
  readonly port: number;
  /** http://127.0.0.1:port (https:// for TLS servers). */
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** Listens on 127.0.0.1, port 0; close() destroys open connections so that it never waits on a client. */
export async function listenOnLoopback(
  server: Server,
  protocol: 'http' | 'https' | 'tcp' = 'http',
): Promise<TestServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `${protocol === 'https' ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export function startHttpServer(handler: Handler): Promise<TestServer> {
  return listenOnLoopback(createHttpServer(handler));
}

export function startHttpsServer(certificate: TestCertificate, handler: Handler): Promise<TestServer> {
  return listenOnLoopback(
    createHttpsServer({ key: certificate.key, cert: certificate.cert }, handler),
    'https',
  );
}

/**
 * Accepts TCP connections and never sends a byte: an HTTP request waits for headers forever and a
 * TLS client never gets its ServerHello.
 */
export async function startHangingServer(): Promise<TestServer & { connections(): number }> {
  let connections = 0;
  const server = createNetServer(() => {
    connections += 1;
  });
  const listening = await listenOnLoopback(server, 'tcp');
  return { ...listening, connections: () => connections };
}

export interface HugeBodyServer extends TestServer {
  /** Bytes handed to the socket so far. */
  bytesSent(): number;
  /** Settles when the (first) response's connection closes: the client hung up or the body ended. */
  readonly responseClosed: Promise<void>;
}

/** Streams `totalBytes` (1 GiB by default) of text starting with "status: ok", honouring backpressure. */
export async function startHugeBodyServer(totalBytes = GIB): Promise<HugeBodyServer> {
  let sent = 0;
  let markClosed: () => void = () => undefined;
  const responseClosed = new Promise<void>((resolve) => (markClosed = resolve));
  const chunk = Buffer.alloc(CHUNK_BYTES, 'x');
  const first = Buffer.from(chunk);
  first.write('status: ok\n');
  const server = createHttpServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(totalBytes) });
    response.once('close', markClosed);
    const pump = () => {
      while (sent < totalBytes && !response.destroyed) {
        const piece = sent === 0 ? first : chunk;
        sent += piece.length;
        if (!response.write(piece)) {
          response.once('drain', pump);
          return;
        }
      }
      if (sent >= totalBytes) response.end();
    };
    pump();
  });
  const listening = await listenOnLoopback(server);
  return { ...listening, bytesSent: () => sent, responseClosed };
}

/** Every path redirects to the next one, forever: /r/1 → /r/2 → ... */
export async function startEndlessRedirectServer(): Promise<TestServer & { requests(): number }> {
  let requests = 0;
  const server = createHttpServer((request, response) => {
    requests += 1;
    const n = Number(/\/r\/(\d+)/.exec(request.url ?? '')?.[1] ?? '0');
    response.writeHead(302, { location: `/r/${n + 1}` }).end();
  });
  const listening = await listenOnLoopback(server);
  return { ...listening, requests: () => requests };
}

/** Sends headers at once, then one byte every `intervalMs`: each chunk is on time, the whole never is. */
export async function startDripServer(intervalMs = 200): Promise<TestServer> {
  const server = createHttpServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.flushHeaders();
    const timer = setInterval(() => response.write('x'), intervalMs);
    response.once('close', () => clearInterval(timer));
  });
  return listenOnLoopback(server);
}
