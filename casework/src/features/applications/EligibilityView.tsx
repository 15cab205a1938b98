import type { Criterion, Eligibility } from '@aware/casework/contract';
import { dynamicKey, useT } from '@aware/dashboard/kit';

const MARK: Record<Criterion, string> = { met: '✓', met_by_exception: '✓', not_met: '✗', unknown: '?' };

/** The three conditions for a pendant, each met or not; an application that fails one is flagged, not refused. */
export function EligibilityView({ eligibility }: { eligibility: Eligibility }) {
  const { t } = useT();
  const rows: [string, Criterion][] = [
    ['adult', eligibility.adult],
    ['renewedFear', eligibility.renewedFear],
    ['livesInRegion', eligibility.livesInRegion],
  ];
  return (
    <section className={`card eligibility ${eligibility.eligible ? 'ok' : 'flagged'}`} aria-label={t('elig.title')}>
      <h2>
        {t('elig.title')}: {eligibility.eligible ? t('elig.eligible') : t('elig.flagged')}
      </h2>
      <ul>
        {rows.map(([name, c]) => (
          <li key={name} className={`criterion ${c}`}>
            <span aria-hidden>{MARK[c]}</span> {t(dynamicKey('elig', name))}: {t(dynamicKey('elig.c', c))}
            {name === 'adult' && eligibility.ageYears !== null && <span className="muted"> ({t('elig.age', { n: eligibility.ageYears })})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
