import { readFileSync } from 'node:fs';

/** Machine-wide and own CPU time in clock ticks, from /proc (Linux); null elsewhere. */
export interface CpuSample {
  readonly busyTicks: number;
  readonly totalTicks: number;
  readonly ownTicks: number;
}

/** Reads the machine's CPU counters and those of this process and `pids` (the servers it forked). */
export function sampleCpu(pids: readonly number[]): CpuSample | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const busyTicks = user + nice + system + irq + softirq + steal;
    const ownTicks = [process.pid, ...pids].reduce((sum, pid) => sum + processTicks(pid), 0);
    return { busyTicks, totalTicks: busyTicks + idle + iowait, ownTicks };
  } catch {
    return null;
  }
}

/** Share of the whole machine's CPU (0..1) used by anything but the bench between two samples. */
export function otherCpuShare(before: CpuSample | null, after: CpuSample | null): number | null {
  if (before === null || after === null || after.totalTicks <= before.totalTicks) return null;
  const others = after.busyTicks - before.busyTicks - (after.ownTicks - before.ownTicks);
  return Math.max(0, others / (after.totalTicks - before.totalTicks));
}

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ", fields start at state (field 3); utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}
