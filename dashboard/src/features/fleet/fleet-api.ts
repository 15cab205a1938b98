import type { FleetSummary } from '@aware/protocol';
import { api } from '../../api/http.js';
import type { PendantHealth, PendantList, TechnicalList } from '../../contract/fleet.js';

export const fleetApi = {
  summary: (includeTest: boolean) => api<FleetSummary>('GET', `/api/fleet/summary?includeTest=${includeTest}`),
  pendants: (includeTest: boolean, health: PendantHealth | null) =>
    api<PendantList>('GET', `/api/fleet/pendants?includeTest=${includeTest}${health ? `&health=${health}` : ''}`),
  technical: (includeTest: boolean) => api<TechnicalList>('GET', `/api/fleet/technical?includeTest=${includeTest}`),
};
