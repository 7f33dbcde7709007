import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system, all threads) a process has used so far, in microseconds, from /proc. */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces, so fields are counted from its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime and stime, fields 14 and 15 of stat
  return (ticks / TICKS_PER_SECOND) * 1e6;
}

/** Peak resident set size (VmHWM) of a process so far, in MiB. */
export function peakRssMiB(pid: number): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** CPU time the whole machine has been busy (all cores, every process), in microseconds, from /proc/stat. */
export function machineBusyMicros(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const ticks = [user, nice, system, irq, softirq, steal].reduce<number>(
    (sum, value) => sum + (value ?? 0),
    0,
  );
  return (ticks / TICKS_PER_SECOND) * 1e6;
}

/**
 * Waits, up to `maxWaitMs`, until the machine has been idle for one sample window (this harness and its
 * servers are idle between runs, so anything busy is another process); returns how long it waited.
 */
export async function waitForQuietMachine(
  maxWaitMs: number,
  windowMs = 500,
  maxCores = 0.25,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const before = machineBusyMicros();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const cores = (machineBusyMicros() - before) / (windowMs * 1000);
    const waited = performance.now() - started;
    if (cores <= maxCores || waited >= maxWaitMs) return waited - windowMs;
  }
}
