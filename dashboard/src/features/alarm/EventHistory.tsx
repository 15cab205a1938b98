import type { AlarmEventView } from '@aware/protocol';
import { formatTime } from '../../i18n/format.js';
import { dynamicKey, useT, type Translate } from '../../i18n/i18n.js';

/** The alarm's history, oldest first: what happened, when, by whom, with the note, unit or outcome. */
export function EventHistory({ events }: { events: readonly AlarmEventView[] }) {
  const { t, lang } = useT();
  return (
    <section className="history card">
      <h2>{t('history.title')}</h2>
      {events.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ol className="history-list">
          {events.map((e, i) => (
            <li key={i}>
              <time dateTime={e.at}>{formatTime(lang, e.at)}</time>
              <span className="history-change">{t(dynamicKey('change', e.change))}</span>
              <span className="muted">{actorName(t, e.actor)}</span>
              {detailText(t, e.detail) && <span className="history-detail pre">{detailText(t, e.detail)}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function actorName(t: Translate, actor: string): string {
  return actor === 'device' ? t('actor.device') : actor === 'system' ? t('actor.system') : actor;
}

function detailText(t: Translate, detail: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof detail['unit'] === 'string') parts.push(t('alarm.unit', { unit: detail['unit'] }));
  if (typeof detail['outcome'] === 'string') parts.push(t(dynamicKey('outcome', detail['outcome'])));
  if (typeof detail['note'] === 'string' && detail['note']) parts.push(detail['note']);
  return parts.join(' — ');
}
