import type { NotificationView } from '@aware/casework/contract';
import { applicationsApi } from './applications-api.js';
import { useLoad } from '../../shared/use-load.js';
import { dynamicKey, formatDateTime, formatLastDay, Link, useT } from '@aware/dashboard/kit';

/** Messages for the case worker: decisions on their applications, pendants issued, extended, returned. */
export function Notifications() {
  const { t, lang } = useT();
  const { data, reload } = useLoad(() => applicationsApi.notifications(), []);
  const unread = data?.notifications.filter((n) => !n.readAt) ?? [];
  if (unread.length === 0) return null;
  const text = (n: NotificationView) => {
    const d = n.detail as Record<string, string | null>;
    if (n.kind === 'decision') return t('note.decision', { outcome: t(dynamicKey('appl.status', d['outcome'] ?? '')) });
    if (n.kind === 'issued') return t('note.issued', { device: d['deviceId'] ?? '', date: d['endsAt'] ? formatLastDay(lang, d['endsAt']) : '—' });
    if (n.kind === 'returned') return t('note.returned', { device: d['deviceId'] ?? '', reason: t(dynamicKey('end', d['reason'] ?? '')) });
    return t('note.extended', { date: d['endsAt'] ? formatLastDay(lang, d['endsAt']) : '—' });
  };
  return (
    <section className="card notifications" aria-label={t('note.title')}>
      <h2>{t('note.title')}</h2>
      <ul>
        {unread.map((n) => (
          <li key={n.id} className={`note ${n.kind}`}>
            <span className="muted">{formatDateTime(lang, n.createdAt)}</span> {text(n)}{' '}
            {n.applicationId && <Link to={`/applications/${n.applicationId}`}>{t('note.open')}</Link>}{' '}
            <button type="button" className="link" onClick={() => void applicationsApi.markRead(n.id).then(reload, reload)}>
              {t('note.read')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
