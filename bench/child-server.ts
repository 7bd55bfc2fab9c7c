import { fork, type ChildProcess } from 'node:child_process';
import { serverNodeFlags } from './server-node-flags.js';
import { isChildMessage, type ChildMessage, type ParentMessage } from './bench-messages.js';

type Reply<K extends ChildMessage['kind']> = Extract<ChildMessage, { kind: K }>;

const live = new Set<ChildServer>();

/** A server running in its own process (its own event loop, apart from the load generator), driven by IPC. */
export class ChildServer {
  readonly name: string;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  #stderr = '';

  private constructor(name: string, child: ChildProcess) {
    this.name = name;
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-4000);
      process.stderr.write(`[${name}] ${chunk.toString('utf8')}`);
    });
    live.add(this);
  }

  /** Forks `entry` and waits for its `ready` message. */
  static async start(
    name: string,
    entry: string,
    args: readonly string[],
    timeoutMs: number,
  ): Promise<{ server: ChildServer; ready: Reply<'ready'> }> {
    const child = fork(entry, [...args], {
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      execArgv: serverNodeFlags(),
    });
    const server = new ChildServer(name, child);
    try {
      return { server, ready: await server.#next('ready', timeoutMs) };
    } catch (e) {
      await server.stop();
      throw e;
    }
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  ask<K extends 'rebuilds' | 'memory'>(
    message: ParentMessage,
    reply: K,
    timeoutMs: number,
  ): Promise<Reply<K>> {
    const answer = this.#next(reply, timeoutMs);
    this.#child.send(message);
    return answer;
  }

  /** Disconnects (the child closes itself), then kills it if it has not gone within a second. */
  async stop(): Promise<void> {
    live.delete(this);
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    if (this.#child.connected) this.#child.disconnect();
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 1000);
    await this.#exited;
    clearTimeout(timer);
  }

  kill(): void {
    live.delete(this);
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
  }

  #next<K extends ChildMessage['kind']>(kind: K, timeoutMs: number): Promise<Reply<K>> {
    return new Promise((resolve, reject) => {
      const done = (error: Error | null, message?: Reply<K>) => {
        clearTimeout(timer);
        this.#child.off('message', onMessage);
        this.#child.off('exit', onExit);
        if (error === null) resolve(message as Reply<K>);
        else reject(error);
      };
      const onMessage = (message: unknown) => {
        if (!isChildMessage(message)) return;
        if (message.kind === 'failed') done(new Error(`${this.name} failed: ${message.message}`));
        else if (message.kind === kind) done(null, message as Reply<K>);
      };
      const onExit = (code: number | null, signal: string | null) =>
        done(
          new Error(
            `${this.name} exited (code ${code ?? '-'}, signal ${signal ?? '-'}) while waiting for "${kind}"\n${this.#stderr}`,
          ),
        );
      const timer = setTimeout(
        () => done(new Error(`${this.name} sent no "${kind}" within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#child.on('message', onMessage);
      this.#child.once('exit', onExit);
    });
  }
}

/** Kills every child still running, synchronously: for exit paths that cannot wait. */
export function killAllChildren(): void {
  for (const server of live) server.kill();
  live.clear();
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map((server) => server.stop()));
}
