import type { TechnicalAlarmView, TechnicalContact, TechnicalHistory, TechnicalResolveBody } from '@aware/protocol';
import { api } from '../../api/http.js';

/** Dispatch's technical alarm routes (dispatch/src/http/routes/technical.ts). Actions answer with the alarm as it now is. */
export const technicalApi = {
  acknowledge: (id: string) => api<TechnicalAlarmView>('POST', `/api/technical/${encodeURIComponent(id)}/ack`, {}),
  resolve: (id: string, body: TechnicalResolveBody) => api<TechnicalAlarmView>('POST', `/api/technical/${encodeURIComponent(id)}/resolve`, body),
  contact: (id: string) => api<TechnicalContact>('GET', `/api/technical/${encodeURIComponent(id)}/contact`),
  history: (days: number) => api<TechnicalHistory>('GET', `/api/technical/history?days=${days}`),
};
