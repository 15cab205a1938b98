import type { AcknowledgeBody, AlarmDetail, AlarmView, DispatchBody, ResolveBody } from '@aware/protocol';
import { api } from '../../api/http.js';

/** Dispatch's alarm routes (mounted in the same server). Each action answers with the alarm as it now is. */
export const alarmApi = {
  detail: (id: string) => api<AlarmDetail>('GET', `/api/alarms/${encodeURIComponent(id)}`),
  acknowledge: (id: string, body: AcknowledgeBody = {}) => api<AlarmView>('POST', `/api/alarms/${encodeURIComponent(id)}/ack`, body),
  dispatch: (id: string, body: DispatchBody) => api<AlarmView>('POST', `/api/alarms/${encodeURIComponent(id)}/dispatch`, body),
  resolve: (id: string, body: ResolveBody) => api<AlarmView>('POST', `/api/alarms/${encodeURIComponent(id)}/resolve`, body),
};
