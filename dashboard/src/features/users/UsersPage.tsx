import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/api-error.js';
import type { IssuedCredentials, UserAction, UserView } from '../../contract/users.js';
import { formatDateTime } from '../../i18n/format.js';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import { CreateUserForm } from './CreateUserForm.js';
import { IssuedCredentialsView } from './IssuedCredentialsView.js';
import { usersApi } from './users-api.js';

/** User administration (administrators): the accounts, a new one, and disable/enable/unlock/new credentials. */
export function UsersPage() {
  const { t, lang } = useT();
  const [users, setUsers] = useState<UserView[]>([]);
  const [regions, setRegions] = useState<{ code: string; name: string }[]>([]);
  const [issued, setIssued] = useState<IssuedCredentials | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => void usersApi.list().then((l) => setUsers(l.users), (e: unknown) => setError(String(e))), []);
  useEffect(() => {
    reload();
    void usersApi.regions().then((r) => setRegions(r.regions), () => undefined);
  }, [reload]);

  const act = async (u: UserView, action: UserAction) => {
    if (!window.confirm(t('users.confirm', { action: t(dynamicKey('users.action', action)), username: u.username }))) return;
    try {
      const result = await usersApi.act(u.id, action);
      if (result.activation) setIssued(result);
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <div className="page users">
      <header className="page-head">
        <h1>{t('users.title')}</h1>
      </header>
      {issued && <IssuedCredentialsView issued={issued} onClose={() => setIssued(null)} />}
      {error && <p className="error">{error}</p>}
      <div className="users-layout">
        <table>
          <thead>
            <tr>
              <th>{t('users.col.user')}</th>
              <th>{t('users.organisation')}</th>
              <th>{t('users.col.roles')}</th>
              <th>{t('users.col.status')}</th>
              <th>{t('users.col.lastLogin')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  {u.displayName}
                  <div className="mono muted">{u.username}</div>
                </td>
                <td>
                  {t(dynamicKey('org', u.organisation))}
                  <div className="muted">{u.region ?? t('users.national')}</div>
                </td>
                <td>{u.roles.map((r) => t(dynamicKey('role', r))).join(', ')}</td>
                <td>
                  {u.disabledAt ? t('users.status.disabled') : u.activationPendingUntil ? t('users.status.activationPending', { time: formatDateTime(lang, u.activationPendingUntil) }) : t('users.status.active')}
                  {u.failedSignInsLastHour > 0 && <div className="failures">{t('users.status.failures', { count: u.failedSignInsLastHour })}</div>}
                </td>
                <td>{u.lastLoginAt ? formatDateTime(lang, u.lastLoginAt) : '—'}</td>
                <td className="row-actions">
                  {u.failedSignInsLastHour > 0 && <button onClick={() => void act(u, 'unlock')}>{t('users.action.unlock')}</button>}
                  {u.disabledAt ? (
                    <button onClick={() => void act(u, 'enable')}>{t('users.action.enable')}</button>
                  ) : (
                    <button onClick={() => void act(u, 'disable')}>{t('users.action.disable')}</button>
                  )}
                  <button onClick={() => void act(u, 'reset-credentials')}>{t('users.action.reset-credentials')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <CreateUserForm
          regions={regions}
          onCreated={(i) => {
            setIssued(i);
            reload();
          }}
        />
      </div>
    </div>
  );
}
