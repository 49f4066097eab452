/**
 * CPU time of the local PostgreSQL server's processes, read from /proc (Linux), so that a benchmark
 * can say where a run's CPU went: the bench process, its workers (process.cpuUsage) and PostgreSQL.
 * Undefined where /proc is missing or no `postgres` process runs here (a remote server).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Cumulative user + system CPU (ms) of every `postgres` process now, by pid. */
export function postgresCpuSnapshot(): Map<number, number> | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  const out = new Map<number, number>();
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone since the listing
    }
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    // after "pid (comm) ": state is field 3, utime field 14, stime field 15
    const fields = stat.slice(close + 2).split(' ');
    out.set(Number(pid), ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks());
  }
  return out.size === 0 ? undefined : out;
}

/**
 * PostgreSQL CPU (ms) spent between two snapshots: processes present in both count their growth,
 * processes started in between count all of theirs; one that started and ended in between (a short
 * autovacuum worker) is missed.
 */
export function postgresCpuBetween(before: Map<number, number> | undefined, after: Map<number, number> | undefined): number | undefined {
  if (before === undefined || after === undefined) return undefined;
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}
