import { SimError } from './errors.js';
import { USAGE } from './usage.js';

/**
 * `npm run sim -- <command> ...`: dispatches to one file per command, loaded on demand (only
 * `provision` pulls in the device registry). Any failure ends as one line on stderr and a
 * non-zero exit code (see errors.ts).
 */
const COMMANDS: Record<string, () => Promise<{ run(args: string[]): Promise<number> }>> = {
  pendant: () => import('./commands/pendant.js'),
  scenario: () => import('./commands/scenario.js'),
  load: () => import('./commands/load.js'),
  provision: () => import('./provision.js'),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  const load = COMMANDS[command];
  if (!load) throw new SimError('SIM_ERR_USAGE', `unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')}; see --help)`);
  return (await load()).run(args);
}

/** Let stdout/stderr drain, then exit even if a socket is still closing. */
function exitSoon(): void {
  setTimeout(() => process.exit(), 1500).unref();
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    exitSoon();
  },
  (err: unknown) => {
    if (err instanceof SimError) {
      process.stderr.write(`sim: ${err.message} (${err.code})\n`);
      process.exitCode = err.exitCode;
    } else {
      process.stderr.write(`sim: unexpected error: ${String((err as Error)?.message ?? err).split('\n')[0]}\n`);
      process.exitCode = 1;
    }
    exitSoon();
  },
);
