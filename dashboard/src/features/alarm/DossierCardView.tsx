import type { DossierCard } from '@aware/protocol';
import { useT } from '../../i18n/i18n.js';

/**
 * The dossier card of the client whose pendant raised the alarm. Everything in it was typed by people and
 * is rendered as text (React text nodes), never as HTML. Showing it is written to the access log by the
 * server that sent it.
 */
export function DossierCardView({ dossier }: { dossier: DossierCard | null }) {
  const { t } = useT();
  if (!dossier) return <section className="dossier card muted">{t('dossier.none')}</section>;
  return (
    <section className="dossier card" aria-label={t('dossier.title')}>
      <h2>{t('dossier.title')}</h2>
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
      {dossier.perpetrators.map((p, i) => (
        <div className="dossier-perpetrator" key={i}>
          <h3>
            {t('dossier.perpetrator')}: {p.name}
          </h3>
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
