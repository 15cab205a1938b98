/**
 * Plain aedes (no hooks: no authentication, ACL, validation, presence or limits) on a TCP port, the
 * same aedes and Node as our broker: the benchmark's way to tell our hooks' cost from aedes' own.
 *   node --import tsx bench/broker/plain-aedes.ts <port>
 */
import { createServer } from 'node:net';
import { Aedes } from 'aedes';

const port = Number(process.argv[2]);
const broker = await Aedes.createBroker();
const server = createServer({ noDelay: true }, broker.handle);
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  broker.close(() => process.exit(0));
});
