import { BenchProcess, killAllBenchProcesses, stopAllBenchProcesses } from './bench-process.js';
import { isChildMessage, type ChildMessage, type ParentMessage } from './bench-messages.js';
import { serverNodeFlags } from './server-node-flags.js';

type Reply<K extends ChildMessage['kind']> = Extract<ChildMessage, { kind: K }>;

/** A server running in its own process (its own event loop, apart from the load generator), driven by IPC. */
export class ChildServer extends BenchProcess<ChildMessage> {
  private constructor(name: string, entry: string, args: readonly string[]) {
    super(name, entry, { args, execArgv: serverNodeFlags(), isMessage: isChildMessage });
  }

  /** Forks `entry` and waits for its `ready` message. */
  static async start(
    name: string,
    entry: string,
    args: readonly string[],
    timeoutMs: number,
  ): Promise<{ server: ChildServer; ready: Reply<'ready'> }> {
    const server = new ChildServer(name, entry, args);
    try {
      return { server, ready: await server.next('ready', timeoutMs) };
    } catch (e) {
      await server.stop();
      throw e;
    }
  }

  ask<K extends 'rebuilds' | 'memory'>(
    message: ParentMessage,
    reply: K,
    timeoutMs: number,
  ): Promise<Reply<K>> {
    const answer = this.next(reply, timeoutMs);
    this.send(message);
    return answer;
  }
}

export const killAllChildren = killAllBenchProcesses;
export const stopAllChildren = stopAllBenchProcesses;
