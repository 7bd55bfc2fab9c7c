import { fork, type ChildProcess } from 'node:child_process';

/** What every bench child may send: its own messages, or a failure with the reason. */
export interface BenchMessage {
  readonly kind: string;
}
type FailedMessage = { readonly kind: 'failed'; readonly message: string };
type Reply<M extends BenchMessage, K extends M['kind']> = Extract<M, { kind: K }>;

export interface BenchProcessOptions<M extends BenchMessage> {
  readonly args?: readonly string[];
  readonly execArgv?: readonly string[];
  /** Tells the child's messages from anything else on the channel. */
  readonly isMessage: (value: unknown) => value is M;
  /** Every message, as it comes (besides the ones `next` waits for). */
  readonly onMessage?: (message: M) => void;
}

const live = new Set<BenchProcess<BenchMessage>>();

/**
 * A bench process forked from `entry` and driven by IPC, its stderr prefixed with its name; every one
 * still alive is killed by `killAllBenchProcesses`.
 */
export class BenchProcess<M extends BenchMessage> {
  readonly name: string;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  readonly #isMessage: (value: unknown) => value is M;
  #stderr = '';

  constructor(name: string, entry: string, options: BenchProcessOptions<M>) {
    this.name = name;
    this.#isMessage = options.isMessage;
    this.#child = fork(entry, [...(options.args ?? [])], {
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      execArgv: [...(options.execArgv ?? [])],
    });
    this.#exited = new Promise((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-4000);
      process.stderr.write(`[${name}] ${chunk.toString('utf8')}`);
    });
    const { onMessage } = options;
    if (onMessage !== undefined) {
      this.#child.on('message', (message: unknown) => {
        if (this.#isMessage(message)) onMessage(message);
      });
    }
    live.add(this);
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  send(message: object): void {
    this.#child.send(message);
  }

  /** The next message of this kind; rejects on a "failed" message, an exit or the timeout. */
  next<K extends M['kind']>(kind: K, timeoutMs: number): Promise<Reply<M, K>> {
    return new Promise((resolve, reject) => {
      const done = (error: Error | null, message?: Reply<M, K>) => {
        clearTimeout(timer);
        this.#child.off('message', onMessage);
        this.#child.off('exit', onExit);
        if (error === null) resolve(message as Reply<M, K>);
        else reject(error);
      };
      const onMessage = (message: unknown) => {
        if (!this.#isMessage(message)) return;
        if (message.kind === 'failed')
          done(new Error(`${this.name} failed: ${(message as unknown as FailedMessage).message}`));
        else if (message.kind === kind) done(null, message as Reply<M, K>);
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
export function killAllBenchProcesses(): void {
  for (const child of live) child.kill();
  live.clear();
}

export async function stopAllBenchProcesses(): Promise<void> {
  await Promise.all([...live].map((child) => child.stop()));
}
