import { execFileSync } from 'node:child_process';

/**
 * The code a benchmark ran: the commit checked out and whether the working tree had changes, recorded
 * in every results file so a number can be traced to its code (the README names runs by date and commit).
 */
export function codeVersion(): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}
