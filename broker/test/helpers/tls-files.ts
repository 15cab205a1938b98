import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export interface TlsFiles {
  readonly dir: string;
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
  /** Client certificate and key per common name, signed by the same CA. */
  readonly clients: Record<string, { cert: string; key: string }>;
  remove(): Promise<void>;
}

/** A throw-away CA, a server certificate for localhost/127.0.0.1 and client certificates, made with openssl. */
export async function makeTlsFiles(clientNames: readonly string[] = []): Promise<TlsFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'aware-broker-tls-'));
  const f = (name: string) => join(dir, name);
  await run('openssl', ['req', '-x509', ...EC, '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=aware-test-ca']);
  const sign = async (name: string, cn: string, ext: string) => {
    await run('openssl', ['req', ...EC, '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`), '-subj', `/CN=${cn}`]);
    await writeFile(f(`${name}.ext`), ext);
    await run('openssl', ['x509', '-req', '-in', f(`${name}.csr`), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f(`${name}.pem`), '-days', '2', '-extfile', f(`${name}.ext`)]);
    return { cert: f(`${name}.pem`), key: f(`${name}.key`) };
  };
  const server = await sign('server', 'localhost', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  const clients: Record<string, { cert: string; key: string }> = {};
  for (const [i, cn] of clientNames.entries()) clients[cn] = await sign(`client${i}`, cn, 'extendedKeyUsage=clientAuth\n');
  return { dir, ca: f('ca.pem'), cert: server.cert, key: server.key, clients, remove: () => rm(dir, { recursive: true, force: true }) };
}
