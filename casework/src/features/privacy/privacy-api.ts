import type { ClientMatches, PrivacyRequestDetail, CloseRequestBody, CorrectionBody, CreatePrivacyRequestBody, DeletionOutcome, DossierDocument, PrivacyRequestList, PrivacyRequestView, RestrictionBody } from '@aware/casework/contract';
import { api } from '@aware/dashboard/kit';

const req = (id: string) => `/api/privacy/requests/${encodeURIComponent(id)}`;

/** The client's rights (server/privacy/routes.ts). */
export const privacyApi = {
  requests: () => api<PrivacyRequestList>('GET', '/api/privacy/requests'),
  request: (id: string) => api<PrivacyRequestDetail>('GET', req(id)),
  create: (body: CreatePrivacyRequestBody) => api<PrivacyRequestView>('POST', '/api/privacy/requests', body),
  findClients: (name: string) => api<ClientMatches>('GET', `/api/privacy/clients?name=${encodeURIComponent(name)}`),
  /** The dossier a request is about; a closed request needs `reason` (it goes to the access log). */
  dossier: (clientId: string, requestId: string, reason?: string) =>
    api<DossierDocument>('GET', `/api/dossiers/${encodeURIComponent(clientId)}?request=${encodeURIComponent(requestId)}${reason ? `&reason=${encodeURIComponent(reason)}` : ''}`),
  extend: (id: string, reason: string) => api<PrivacyRequestView>('POST', `${req(id)}/extend`, { reason }),
  correct: (id: string, body: CorrectionBody) => api<null>('POST', `${req(id)}/corrections`, body),
  restrict: (id: string, body: RestrictionBody, on: boolean) => api<null>('POST', `${req(id)}/${on ? 'restrict' : 'lift'}`, body),
  deletion: (id: string, otherInterest: string | null) => api<DeletionOutcome>('POST', `${req(id)}/deletion`, { otherInterest }),
  close: (id: string, body: CloseRequestBody) => api<PrivacyRequestView>('POST', `${req(id)}/close`, body),
  /** Links the browser opens itself (download, print view): the cookie goes along, the server logs the export. */
  exportUrl: (id: string, format: 'json' | 'html') => `${req(id)}/export?format=${format}`,
};
