import type { ClientConfig } from '../contract/client-config.js';
import { createStore } from '../stores/create-store.js';

/** `GET /api/client-config`, loaded once at start (map tiles, idle timeout). */
export const clientConfigStore = createStore<ClientConfig>({ tileUrl: null, tileAttribution: '', idleTimeoutS: 1800, testDeployment: false });
