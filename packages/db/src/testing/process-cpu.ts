// CPU time of processes, for the benchmarks: on a machine other work shares, wall-clock rates are
// noise, but the CPU a process spent per message is not. Reads /proc/<pid>/stat (Linux).
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux Node supports

/** User + system CPU in ms of process `pid` so far; null when it is gone (or not on Linux). */
export function processCpuMs(pid: number): number | null {
  const stat = readStat(pid);
  return stat === null ? null : cpuMsOfStat(stat);
}

function readStat(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
}

function cpuMsOfStat(stat: string): number {
  // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** CPU in ms (as processCpuMs) of each running process whose command name is `name` (e.g. "postgres"), by pid. */
export function cpuMsOfProcessesNamed(name: string): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) === name) cpu.set(Number(entry), cpuMsOfStat(stat));
  }
  return cpu;
}

/** Sum of processCpuMs over `pids` (the gone ones count 0). */
export function totalCpuMs(pids: Iterable<number>): number {
  let total = 0;
  for (const pid of pids) total += processCpuMs(pid) ?? 0;
  return total;
}
