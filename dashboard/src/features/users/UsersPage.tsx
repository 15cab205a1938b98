import { useCallback, useEffect, useState } from 'react';
import { regionName } from '../../app/region-names.js';
import type { IssuedCredentials, UserAction, UserView } from '../../contract/users.js';
import { formatDateTime } from '../../i18n/format.js';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import { ConfirmActionDialog } from './ConfirmActionDialog.js';
import { CreateUserForm } from './CreateUserForm.js';
import { EditUserDialog } from './EditUserDialog.js';
import { IssuedCredentialsView } from './IssuedCredentialsView.js';
import { usersApi } from './users-api.js';
import { errorInWords } from '../../api/error-in-words.js';

/** User administration (administrators): the accounts, a new one, editing one, and disable/enable/unlock/new credentials after a confirmation. */
export function UsersPage() {
  const { t, lang } = useT();
  const [users, setUsers] = useState<UserView[]>([]);
  const [regions, setRegions] = useState<{ code: string; name: string }[]>([]);
  const [issued, setIssued] = useState<IssuedCredentials | null>(null);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [confirming, setConfirming] = useState<{ user: UserView; action: UserAction } | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => void usersApi.list().then((l) => setUsers(l.users), setError), []);
  useEffect(() => {
    reload();
    void usersApi.regions().then((r) => setRegions(r.regions), () => undefined);
  }, [reload]);
  const names = new Map(regions.map((r) => [r.code, r.name]));

  const act = async (u: UserView, action: UserAction) => {
    setBusy(true);
    try {
      const result = await usersApi.act(u.id, action);
      if (result.activation) setIssued(result);
      setConfirming(null);
      reload();
    } catch (e) {
      setError(e);
      setConfirming(null);
    } finally {
      setBusy(false);
    }
  };
  const ask = (user: UserView, action: UserAction) => {
    setSaved(null);
    setConfirming({ user, action });
  };

  return (
    <div className="page users">
      <header className="page-head">
        <h1>{t('users.title')}</h1>
      </header>
      {issued && <IssuedCredentialsView issued={issued} onClose={() => setIssued(null)} />}
      {saved && (
        <p className="banner info" role="status">
          {saved}
        </p>
      )}
      {error !== null && <p className="error">{errorInWords(lang, error)}</p>}
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
              <tr key={u.id} data-username={u.username}>
                <td>
                  {u.displayName}
                  <div className="mono muted">{u.username}</div>
                </td>
                <td>
                  {t(dynamicKey('org', u.organisation))}
                  <div className="muted">{u.region ? regionName(names, u.region) : t('users.national')}</div>
                </td>
                <td>{u.roles.map((r) => t(dynamicKey('role', r))).join(', ')}</td>
                <td>
                  {u.disabledAt ? t('users.status.disabled') : u.activationPendingUntil ? t('users.status.activationPending', { time: formatDateTime(lang, u.activationPendingUntil) }) : t('users.status.active')}
                  {u.failedSignInsLastHour > 0 && <div className="failures">{t('users.status.failures', { count: u.failedSignInsLastHour })}</div>}
                </td>
                <td>{u.lastLoginAt ? formatDateTime(lang, u.lastLoginAt) : '—'}</td>
                <td className="row-actions">
                  <button onClick={() => setEditing(u)}>{t('users.edit')}</button>
                  {u.failedSignInsLastHour > 0 && <button onClick={() => ask(u, 'unlock')}>{t('users.action.unlock')}</button>}
                  {u.disabledAt ? <button onClick={() => ask(u, 'enable')}>{t('users.action.enable')}</button> : <button onClick={() => ask(u, 'disable')}>{t('users.action.disable')}</button>}
                  <button onClick={() => ask(u, 'reset-credentials')}>{t('users.action.reset-credentials')}</button>
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
      {editing && (
        <EditUserDialog
          user={editing}
          regions={regions}
          onCancel={() => setEditing(null)}
          onSaved={(u) => {
            setEditing(null);
            setSaved(t('users.saved', { name: u.displayName }));
            reload();
          }}
        />
      )}
      {confirming && <ConfirmActionDialog user={confirming.user} action={confirming.action} busy={busy} onCancel={() => setConfirming(null)} onConfirm={() => void act(confirming.user, confirming.action)} />}
    </div>
  );
}
