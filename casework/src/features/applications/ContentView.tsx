import type { ApplicationContent } from '@aware/casework/contract';
import { dynamicKey, formatDate, useT } from '@aware/dashboard/kit';

/** An application's content as filed (every value rendered as text). */
export function ContentView({ content, photos }: { content: ApplicationContent; photos?: { client: string | null; perpetrator: (id: string) => string | null } }) {
  const { t, lang } = useT();
  const date = (d: string | null) => (d ? formatDate(lang, `${d}T12:00:00Z`) : '—');
  if (content.kind === 'extension') {
    return (
      <dl className="content-view">
        <dt>{t('appl.extension.until')}</dt>
        <dd>{date(content.requestedEndsOn)}</dd>
        <dt>{t('appl.extension.motivation')}</dt>
        <dd className="pre">{content.motivation}</dd>
        <dt>{t('appl.fear.explanation')}</dt>
        <dd className="pre">{content.fear.explanation}</dd>
        <dt>{t('appl.riskSummary')}</dt>
        <dd className="pre">{content.riskSummary}</dd>
      </dl>
    );
  }
  const c = content.client;
  const g = content.grounds;
  const grounds = (['stalking', 'threats', 'earlierViolence'] as const).filter((k) => g[k]).map((k) => t(dynamicKey('appl.grounds', k)));
  return (
    <div className="content-view">
      <section>
        <h3>{t('appl.client')}</h3>
        {photos?.client && <img className="dossier-photo" src={photos.client} alt={t('appl.photo.client')} />}
        <dl>
          <dt>{t('appl.client.name')}</dt>
          <dd>{c.name}</dd>
          <dt>{t('appl.client.dateOfBirth')}</dt>
          <dd>{date(c.dateOfBirth)}</dd>
          <dt>{t('appl.client.address')}</dt>
          <dd>{c.address}</dd>
          <dt>{t('appl.client.phone')}</dt>
          <dd>{c.phone}</dd>
          <dt>{t('appl.client.preferredContact')}</dt>
          <dd>{c.preferredContact}</dd>
          <dt>{t('appl.client.residenceRegion')}</dt>
          <dd>{c.residenceRegion ?? '—'}</dd>
        </dl>
      </section>
      {content.perpetrators.map((p, i) => (
        <section key={p.id ?? i}>
          <h3>{content.perpetrators.length > 1 ? t('appl.perp.headingN', { n: i + 1 }) : t('appl.perp.heading')}</h3>
          {p.id && photos?.perpetrator(p.id) && <img className="dossier-photo" src={photos.perpetrator(p.id)!} alt={t('appl.photo.perpetrator')} />}
          <dl>
            <dt>{t('appl.perp.name')}</dt>
            <dd>{p.name}</dd>
            <dt>{t('appl.perp.relation')}</dt>
            <dd>{p.relation}</dd>
            <dt>{t('appl.perp.description')}</dt>
            <dd className="pre">{p.description}</dd>
            <dt>{t('appl.perp.vehicle')}</dt>
            <dd>{p.vehicle}</dd>
          </dl>
        </section>
      ))}
      <section>
        <h3>{t('appl.grounds')}</h3>
        <p>{grounds.join(', ') || '—'}</p>
        {g.orders.map((o, i) => (
          <p key={i}>
            {t(dynamicKey('appl.order', o.kind))}: {date(o.from)} – {date(o.until)} <span className="mono">{o.reference}</span>
          </p>
        ))}
        <p className="pre">{g.description}</p>
      </section>
      <dl>
        <dt>{t('appl.fear')}</dt>
        <dd>
          {content.fear.renewedVictimisation && content.fear.samePerpetrator ? '✓' : '✗'} <span className="pre">{content.fear.explanation}</span>
        </dd>
        <dt>{t('appl.riskSummary')}</dt>
        <dd className="pre">{content.riskSummary}</dd>
        <dt>{t('appl.policeReferences')}</dt>
        <dd className="mono">{content.policeReferences.join(', ') || '—'}</dd>
        {content.minorException && (
          <>
            <dt>{t('appl.exception')}</dt>
            <dd className="pre">
              {content.minorException.reference}: {content.minorException.motivation}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
