import { z } from 'zod';

/** `GET /api/client-config` (no sign-in needed): what the SPA needs to know before anything else. */
export const ClientConfig = z.object({
  /** Leaflet tile URL template; null: no background map (positions, trail and coordinates still show). */
  tileUrl: z.string().nullable(),
  tileAttribution: z.string(),
  idleTimeoutS: z.number().int().min(1),
  /** DASHBOARD_TEST_DEPLOYMENT: offer a new pendant secret as a simulator credentials file too. */
  testDeployment: z.boolean(),
});
export type ClientConfig = z.infer<typeof ClientConfig>;

/** `GET /api/regions` (signed in). */
export const RegionList = z.object({ regions: z.array(z.object({ code: z.string(), name: z.string() })) });
export type RegionList = z.infer<typeof RegionList>;
