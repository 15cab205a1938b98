/**
 * `npm start`: the whole AWARE platform in one process (the embedded default). Without DATABASE_URL
 * (or PG*) it starts its own PostgreSQL in ./.data/pg. Ctrl-C (SIGINT) or SIGTERM stops every service
 * and the embedded database; a second signal (a second later) exits at once.
 */
// first: before anything loads mqtt-packet (see broker/src/lean/quiet-debug.ts)
import '@aware/broker/quiet-debug';
import pino from 'pino';
import { loadPlatformConfig } from './config.js';
import { startPlatform } from './start-platform.js';

const config = loadPlatformConfig();
const logger = pino({
  level: config.logLevel,
  ...(config.logPretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
});

let platform: Awaited<ReturnType<typeof startPlatform>> | null = null;
let stopping = false;
let firstSignalAt = 0;
async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    // Ctrl-C reaches every process of the group and tsx relays it as well: the same key press can
    // arrive twice. Only a signal a second later is the operator insisting.
    if (Date.now() - firstSignalAt < 1000) return;
    logger.warn({ signal }, 'second signal: exiting now');
    process.exit(1);
  }
  stopping = true;
  firstSignalAt = Date.now();
  logger.info({ signal }, 'stopping the platform');
  await platform?.stop();
  logger.info('stopped');
  logger.flush?.();
  setTimeout(() => process.exit(0), 50).unref();
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  platform = await startPlatform(config, process.env, logger);
  if (stopping) await platform.stop();
  const width = Math.max(...Object.keys(platform.listeners).map((k) => k.length));
  const lines = Object.entries(platform.listeners).map(([name, where]) => `  ${name.padEnd(width)}  ${where}`);
  const sim = platform.simCredentialsFile
    ? `\nSimulator: npm run sim -- pendant --credentials ${platform.simCredentialsFile} --url ${platform.listeners['mqtt'] ?? ''}`
    : '';
  process.stdout.write(`\nAWARE platform is running:\n${lines.join('\n')}${sim}\nCtrl-C stops it.\n\n`);
} catch (err) {
  logger.fatal({ err }, 'the platform could not start');
  await platform?.stop();
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100).unref();
}
