import { api } from '../../api/http.js';
import type { RegionList } from '../../contract/client-config.js';
import type { CreateUserBody, IssuedCredentials, UpdateUserBody, UserAction, UserList, UserView } from '../../contract/users.js';

export const usersApi = {
  list: () => api<UserList>('GET', '/api/admin/users'),
  create: (body: CreateUserBody) => api<IssuedCredentials>('POST', '/api/admin/users', body),
  update: (id: string, body: UpdateUserBody) => api<UserView>('PUT', `/api/admin/users/${encodeURIComponent(id)}`, body),
  act: (id: string, action: UserAction) => api<IssuedCredentials>('POST', `/api/admin/users/${encodeURIComponent(id)}/${action}`),
  regions: () => api<RegionList>('GET', '/api/regions'),
};
