import { randomBytes } from 'node:crypto';

/**
 * Credentials of the internal MQTT clients (ingest, dispatch, sim-admin) for one run of the all-in-one
 * process: random, never written anywhere, handed to the broker and to each service in-process.
 * Secrets given in the environment (BROKER_*_SECRET) win, so a separate service process can join.
 */
export function serviceSecrets(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const fresh = () => randomBytes(24).toString('base64url');
  return {
    BROKER_INGEST_SECRET: env.BROKER_INGEST_SECRET || fresh(),
    BROKER_DISPATCH_SECRET: env.BROKER_DISPATCH_SECRET || fresh(),
    BROKER_SIM_ADMIN_SECRET: env.BROKER_SIM_ADMIN_SECRET || fresh(),
  };
}
