import { applicationsApi } from '../features/applications/applications-api.js';
import { useLoad } from './use-load.js';

/** The regions, for the forms. */
export function useRegions(): { code: string; name: string }[] {
  return useLoad(() => applicationsApi.regions(), []).data?.regions ?? [];
}
