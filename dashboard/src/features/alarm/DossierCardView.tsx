import type { DossierCard } from '@aware/protocol';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import { formatDate } from '../../i18n/format.js';

/**
 * The dossier card of the client whose pendant raised the alarm. Everything in it was typed by people and
 * is rendered as text (React text nodes), never as HTML. Showing it is written to the access log by the
 * server that sent it.
 */
export function DossierCardView({ dossier }: { dossier: DossierCard | null }) {
  const { t, lang } = useT();
  if (!dossier) return <section className="dossier card muted">{t('dossier.none')}</section>;
  return (
    <section className="dossier card" aria-label={t('dossier.title')}>
      <h2>{t('dossier.title')}</h2>
      {dossier.restricted && (
        <p className="banner warn" role="note">
          {t('dossier.restricted')}
        </p>
      )}
      <div className="dossier-client">
        {dossier.photoUrl && <img className="dossier-photo" src={dossier.photoUrl} alt={t('dossier.photo')} />}
        <div>
          <div className="dossier-name">{dossier.clientName}</div>
          <dl>
            <dt>{t('dossier.address')}</dt>
            <dd>{dossier.address || '—'}</dd>
            <dt>{t('dossier.phone')}</dt>
            <dd>{dossier.phone ? <a href={`tel:${dossier.phone.replace(/[^\d+]/g, '')}`}>{dossier.phone}</a> : '—'}</dd>
          </dl>
        </div>
      </div>
      {dossier.riskNotes && (
        <div className="dossier-risk">
          <h3>{t('dossier.risk')}</h3>
          <p className="pre">{dossier.riskNotes}</p>
        </div>
      )}
      {dossier.orders.length > 0 && (
        <div className="dossier-orders">
          <h3>{t('dossier.orders')}</h3>
          <ul>
            {dossier.orders.map((o, i) => (
              <li key={i}>
                <strong>{t(dynamicKey('dossier.order', o.kind))}</strong> {o.until ? t('dossier.orderPeriod', { from: formatDate(lang, o.from), until: formatDate(lang, o.until) }) : t('dossier.orderOpen', { from: formatDate(lang, o.from) })}
                {o.reference && <span className="mono"> · {o.reference}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {dossier.policeReferences.length > 0 && (
        <div className="dossier-references">
          <h3>{t('dossier.policeReferences')}</h3>
          <p className="mono">{dossier.policeReferences.join(', ')}</p>
        </div>
      )}
      {dossier.perpetrators.map((p, i) => (
        <div className="dossier-perpetrator" key={i}>
          <h3>
            {t('dossier.perpetrator')}: {p.name}
          </h3>
          {p.photoUrl && <img className="dossier-photo" src={p.photoUrl} alt={t('dossier.perpetratorPhoto', { name: p.name })} />}
          <dl>
            <dt>{t('dossier.relation')}</dt>
            <dd>{p.relation || '—'}</dd>
            <dt>{t('dossier.description')}</dt>
            <dd className="pre">{p.description || '—'}</dd>
            <dt>{t('dossier.vehicle')}</dt>
            <dd>{p.vehicle || '—'}</dd>
          </dl>
        </div>
      ))}
      <p className="hint">{t('dossier.logged')}</p>
    </section>
  );
}
