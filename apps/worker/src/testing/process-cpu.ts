// CPU time of processes, for the benchmarks: on a machine other work shares, wall-clock rates are
// noise, but the CPU a process spent per message is not. Reads /proc/<pid>/stat (Linux).
import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux Node supports

/** User + system CPU in ms of process `pid` so far; null when it is gone (or not on Linux). */
export function processCpuMs(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/** Sum of processCpuMs over `pids` (the gone ones count 0). */
export function totalCpuMs(pids: Iterable<number>): number {
  let total = 0;
  for (const pid of pids) total += processCpuMs(pid) ?? 0;
  return total;
}
