import { readFileSync } from 'node:fs';

const TICK_MS = 10; // CLK_TCK is 100 on Linux/x86-64

/** CPU time (user + system) a process has used so far, in ms; 0 if it is gone. From /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}
