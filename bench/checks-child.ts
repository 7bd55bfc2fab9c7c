import { fork, type ChildProcess } from 'node:child_process';
import { isChildMessage, type ChildMessage } from './checks-messages.js';

type Reply<K extends ChildMessage['kind']> = Extract<ChildMessage, { kind: K }>;

const live = new Set<BenchChild>();

/** A forked bench process driven by IPC; every one still alive is killed by `killAllChildren`. */
export class BenchChild {
  readonly name: string;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  #stderr = '';

  constructor(name: string, entry: string, execArgv: readonly string[] = []) {
    this.name = name;
    this.#child = fork(entry, [], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'], execArgv: [...execArgv] });
    this.#exited = new Promise((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-4000);
      process.stderr.write(`[${name}] ${chunk.toString('utf8')}`);
    });
    live.add(this);
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  send(message: object): void {
    this.#child.send(message);
  }

  /** The next message of this kind; rejects on a "failed" message, an exit or the timeout. */
  next<K extends ChildMessage['kind']>(kind: K, timeoutMs: number): Promise<Reply<K>> {
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
            `${this.name} exited (code ${code ?? '-'}, signal ${signal ?? '-'}) before "${kind}"\n${this.#stderr}`,
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

  /** Disconnects (the child exits by itself), and kills it if it is still there a second later. */
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
}

/** Synchronous, for exit paths that cannot wait. */
export function killAllChildren(): void {
  for (const child of live) child.kill();
}
