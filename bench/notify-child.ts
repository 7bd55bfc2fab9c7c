import { BenchProcess, killAllBenchProcesses } from './bench-process.js';
import { isChildMessage, type ChildMessage, type ParentMessage } from './notify-messages.js';

/** A process of `npm run bench:notify` (SMTP server, webhook receiver or Beacon). */
export class NotifyChild extends BenchProcess<ChildMessage> {
  constructor(name: string, entry: string, onMessage?: (message: ChildMessage) => void) {
    // BENCH_NOTIFY_CHILD_NODE_OPTIONS="--cpu-prof" profiles the children.
    const execArgv = process.env.BENCH_NOTIFY_CHILD_NODE_OPTIONS?.split(' ').filter((a) => a !== '') ?? [];
    super(name, entry, { execArgv, isMessage: isChildMessage, ...(onMessage ? { onMessage } : {}) });
  }

  override send(message: ParentMessage): void {
    super.send(message);
  }
}

export const killNotifyChildren = killAllBenchProcesses;
