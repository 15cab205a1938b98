import { api } from '../../api/http.js';
import type { RegionList } from '../../contract/client-config.js';
import type { CreateUserBody, IssuedCredentials, UserAction, UserList } from '../../contract/users.js';

export const usersApi = {
  list: () => api<UserList>('GET', '/api/admin/users'),
  create: (body: CreateUserBody) => api<IssuedCredentials>('POST', '/api/admin/users', body),
  act: (id: string, action: UserAction) => api<IssuedCredentials>('POST', `/api/admin/users/${encodeURIComponent(id)}/${action}`),
  regions: () => api<RegionList>('GET', '/api/regions'),
};
