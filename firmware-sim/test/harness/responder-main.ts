import { parseArgs } from 'node:util';
import { startResponder } from './responder.js';

/**
 * TEST HARNESS, not product code: runs the stand-in for dispatch on its own, for trying scenarios
 * and load runs by hand until dispatch exists.
 *   npx tsx firmware-sim/test/harness/responder-main.ts [--url mqtt://127.0.0.1:1883] [--username U --password P]
 */
const { values } = parseArgs({
  options: { url: { type: 'string', default: 'mqtt://127.0.0.1:1883' }, username: { type: 'string' }, password: { type: 'string' } },
  strict: true,
});
const responder = await startResponder({ url: values.url, username: values.username, password: values.password });
process.stderr.write(`test responder: answering presses with alarm_received on ${values.url}\n`);
const report = setInterval(() => process.stderr.write(`test responder: ${responder.presses.length} presses answered\n`), 10_000);
const stop = () => {
  clearInterval(report);
  void responder.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
