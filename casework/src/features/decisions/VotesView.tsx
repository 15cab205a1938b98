import type { ApplicationView } from '@aware/casework/contract';
import { dynamicKey, formatDate, formatDateTime, useT } from '@aware/dashboard/kit';

/** The votes cast so far and, once all three organisations voted, the decision with its rule, period and motivation. */
export function VotesView({ application }: { application: ApplicationView }) {
  const { t, lang } = useT();
  const d = application.decision;
  return (
    <section className="card votes" aria-label={t('vote.title')}>
      <h2>{t('vote.title')}</h2>
      {application.votes.length === 0 && <p className="muted">{t('vote.none')}</p>}
      <ul>
        {application.votes.map((v) => (
          <li key={v.organisation} className={`vote ${v.vote}`}>
            <strong>{t(dynamicKey('org', v.organisation))}</strong>: {t(dynamicKey('vote', v.vote))} — <span className="pre">{v.motivation}</span>
            <div className="muted">
              {v.voter.displayName}, {formatDateTime(lang, v.castAt)}
            </div>
          </li>
        ))}
      </ul>
      {d && (
        <div className={`decision ${d.outcome}`} role="status">
          <h3>
            {t('decision.title')}: {t(dynamicKey('appl.status', d.outcome))}
          </h3>
          <p>
            {t('decision.on', { date: formatDateTime(lang, d.decidedAt) })} · {t(dynamicKey('decision.rule', d.rule))}
          </p>
          {d.periodStart && d.periodEnd && <p>{t('decision.period', { from: formatDate(lang, `${d.periodStart}T12:00:00Z`), until: formatDate(lang, `${d.periodEnd}T12:00:00Z`) })}</p>}
          {d.motivation && <p className="pre">{d.motivation}</p>}
        </div>
      )}
    </section>
  );
}
