import type { ApplicationContent, ApplicationList, ApplicationStatus, ApplicationView, DecisionOutcome, NotificationList, PhotoBody, VoteBody } from '@aware/casework/contract';
import { api, type RegionList } from '@aware/dashboard/kit';

const app = (id: string) => `/api/applications/${encodeURIComponent(id)}`;

/** The commissie workflow's routes (server/commissie/routes.ts), typed by @aware/casework/contract. */
export const applicationsApi = {
  version: () => api<{ version: string }>('GET', '/api/applications/version'),
  list: (status?: ApplicationStatus) => api<ApplicationList>('GET', `/api/applications${status ? `?status=${status}` : ''}`),
  get: (id: string) => api<ApplicationView>('GET', app(id)),
  create: (content: ApplicationContent, region?: string) => api<ApplicationView>('POST', '/api/applications', { content, ...(region ? { region } : {}) }),
  save: (id: string, content: ApplicationContent) => api<ApplicationView>('PUT', app(id), { content }),
  submit: (id: string) => api<ApplicationView>('POST', `${app(id)}/submit`),
  amend: (id: string, content: ApplicationContent, reason: string) => api<ApplicationView>('POST', `${app(id)}/amendments`, { content, reason }),
  withdraw: (id: string) => api<ApplicationView>('POST', `${app(id)}/withdraw`),
  discard: (id: string) => api<null>('DELETE', app(id)),
  vote: (id: string, body: VoteBody) => api<{ decision: DecisionOutcome | null; application: ApplicationView }>('POST', `${app(id)}/votes`, body),
  setPhoto: (id: string, perpetratorId: string | null, body: PhotoBody) => api<null>('PUT', photoPath(id, perpetratorId), body),
  removePhoto: (id: string, perpetratorId: string | null) => api<null>('DELETE', photoPath(id, perpetratorId)),
  notifications: () => api<NotificationList>('GET', '/api/notifications'),
  markRead: (id: string) => api<null>('POST', `/api/notifications/${encodeURIComponent(id)}/read`),
  regions: () => api<RegionList>('GET', '/api/regions'),
};

export function photoPath(id: string, perpetratorId: string | null): string {
  return perpetratorId ? `${app(id)}/photos/perpetrators/${encodeURIComponent(perpetratorId)}` : `${app(id)}/photos/client`;
}
