import { technicalWaiting, type TechnicalAlarmView, type TechnicalContact } from '@aware/protocol';
import { memo, useState } from 'react';
import { formatTime } from '../../i18n/format.js';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import { technicalStore } from '../../live/live.js';
import { Elapsed } from '../alarm/Elapsed.js';
import { ResolveTechnicalDialog } from './ResolveTechnicalDialog.js';
import { technicalApi } from './technical-api.js';
import { errorInWords } from '../../api/error-in-words.js';

/**
 * One technical alarm on the board: what, which pendant, how long, who took it; take it, look up whom to
 * call (access-logged, shown only on request), and resolve it with what was done.
 */
export const TechnicalCard = memo(function TechnicalCard({ technical }: { technical: TechnicalAlarmView }) {
  const { t, lang } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [contact, setContact] = useState<TechnicalContact | null>(null);
  const [resolving, setResolving] = useState(false);
  const waiting = technicalWaiting(technical);
  const h = technical.handling;

  const run = async <T,>(action: () => Promise<T>, done: (value: T) => void): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      done(await action());
    } catch (e) {
      setError(errorInWords(lang, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`technical-card kind-${technical.kind}${waiting ? ' waiting' : ''}`} data-technical-id={technical.id} data-waiting={waiting}>
      <div className="alarm-card-head">
        <span className={`badge technical-${technical.kind}`}>{t(dynamicKey('technical', technical.kind))}</span>
        <Elapsed since={technical.openedAt} caption="technical.sinceOpened" />
      </div>
      <div className="technical-device">{t('alarm.device', { id: technical.deviceId })}</div>
      <div className="alarm-card-meta muted">
        {h ? t('technical.takenBy', { name: h.acknowledgedBy, time: formatTime(lang, h.acknowledgedAt) }) : t('technical.waiting')}
        {technical.clearedAt && <> · {t('technical.recovered', { time: formatTime(lang, technical.clearedAt) })}</>}
      </div>
      {contact && (
        <dl className="technical-contact">
          <dt className="visually-hidden">{t('technical.contact')}</dt>
          <dd className="technical-client">{contact.clientName}</dd>
          <dt>{t('technical.phone')}</dt>
          <dd>{contact.phone ? <a href={`tel:${contact.phone.replace(/[^+\d]/g, '')}`}>{contact.phone}</a> : t('technical.unknown')}</dd>
          <dt>{t('technical.address')}</dt>
          <dd>{contact.address ?? t('technical.unknown')}</dd>
          {contact.preferredContact && (
            <>
              <dt>{t('technical.preferredContact')}</dt>
              <dd className="technical-preferred">{contact.preferredContact}</dd>
            </>
          )}
          <dd className="hint">{t('technical.contactLogged')}</dd>
        </dl>
      )}
      <div className="alarm-actions">
        {h === null && (
          <button type="button" className="amber" disabled={busy} onClick={() => void run(() => technicalApi.acknowledge(technical.id), (v) => technicalStore.update(v))}>
            {t('technical.take')}
          </button>
        )}
        <button type="button" disabled={busy} aria-expanded={contact !== null} onClick={() => (contact ? setContact(null) : void run(() => technicalApi.contact(technical.id), setContact))}>
          {contact ? t('technical.contactHide') : t('technical.contact')}
        </button>
        <button type="button" disabled={busy} onClick={() => setResolving(true)}>
          {t('technical.resolve')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {resolving && (
        <ResolveTechnicalDialog
          device={technical.deviceId}
          busy={busy}
          onCancel={() => setResolving(false)}
          onConfirm={(body) =>
            void run(
              () => technicalApi.resolve(technical.id, body),
              (v) => {
                setResolving(false);
                technicalStore.update(v);
              },
            )
          }
        />
      )}
    </li>
  );
});
