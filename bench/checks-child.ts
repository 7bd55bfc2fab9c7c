import { BenchProcess, killAllBenchProcesses } from './bench-process.js';
import { isChildMessage, type ChildMessage } from './checks-messages.js';

/** A process of `npm run bench:checks` (the target server or a Beacon child). */
export class BenchChild extends BenchProcess<ChildMessage> {
  constructor(name: string, entry: string, execArgv: readonly string[] = []) {
    super(name, entry, { execArgv, isMessage: isChildMessage });
  }
}

export const killAllChildren = killAllBenchProcesses;
