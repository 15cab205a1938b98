import type { AssignmentList, AwaitingIssueList, FollowUpList, IssueBody, IssuedPendant, RegisteredPendants, RegisterPendantsBody, ReturnBody, StockList } from '@aware/casework/contract';
import { api } from '@aware/dashboard/kit';

/** Pendants with clients (server/devices/routes.ts). */
export const devicesApi = {
  stock: () => api<StockList>('GET', '/api/stock'),
  register: (body: RegisterPendantsBody) => api<RegisteredPendants>('POST', '/api/stock', body),
  awaiting: () => api<AwaitingIssueList>('GET', '/api/assignments/awaiting'),
  issue: (body: IssueBody) => api<IssuedPendant>('POST', '/api/assignments', body),
  assignments: (endingWithinDays?: number) => api<AssignmentList>('GET', `/api/assignments${endingWithinDays === undefined ? '' : `?ending=${endingWithinDays}`}`),
  returnPendant: (id: string, body: ReturnBody) => api<null>('POST', `/api/assignments/${encodeURIComponent(id)}/return`, body),
  followUps: (open = true) => api<FollowUpList>('GET', `/api/follow-ups?open=${open}`),
  completeFollowUp: (id: string, notes: string) => api<null>('POST', `/api/follow-ups/${encodeURIComponent(id)}/complete`, { notes }),
};
