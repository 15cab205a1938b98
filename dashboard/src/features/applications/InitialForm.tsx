import type { Eligibility, InitialContent } from '@aware/protocol';
import { useT } from '../../i18n/i18n.js';
import { ClientFields } from './ClientFields.js';
import { FearFields } from './FearFields.js';
import { GroundsFields } from './GroundsFields.js';
import { PerpetratorFields } from './PerpetratorFields.js';

/** The whole application form (controlled): client, perpetrator(s), grounds, fear, risk, police references, an exception for a minor. */
export function InitialForm({ value, onChange, regions, eligibility }: {
  value: InitialContent;
  onChange: (v: InitialContent) => void;
  regions: { code: string; name: string }[];
  eligibility: Eligibility;
}) {
  const { t } = useT();
  const minor = eligibility.adult === 'not_met' || eligibility.adult === 'met_by_exception';
  return (
    <div className="application-form">
      <ClientFields value={value.client} onChange={(client) => onChange({ ...value, client })} regions={regions} />
      <PerpetratorFields value={value.perpetrators} onChange={(perpetrators) => onChange({ ...value, perpetrators })} />
      <GroundsFields value={value.grounds} onChange={(grounds) => onChange({ ...value, grounds })} />
      <FearFields value={value.fear} onChange={(fear) => onChange({ ...value, fear })} />
      <fieldset>
        <legend>{t('appl.risk')}</legend>
        <label>
          {t('appl.riskSummary')}
          <textarea rows={4} value={value.riskSummary} maxLength={4000} onChange={(e) => onChange({ ...value, riskSummary: e.target.value })} />
        </label>
        <label>
          {t('appl.policeReferences')}
          <textarea
            rows={2}
            value={value.policeReferences.join('\n')}
            onChange={(e) => onChange({ ...value, policeReferences: e.target.value.split('\n').map((s) => s.trim()).filter(Boolean).slice(0, 10) })}
          />
        </label>
      </fieldset>
      {(minor || value.minorException) && (
        <fieldset className="exception">
          <legend>{t('appl.exception')}</legend>
          <p className="hint">{t('appl.exception.help')}</p>
          <label>
            {t('appl.exception.reference')}
            <input
              value={value.minorException?.reference ?? ''}
              maxLength={200}
              onChange={(e) => onChange({ ...value, minorException: exception(e.target.value, value.minorException?.motivation ?? '') })}
            />
          </label>
          <label>
            {t('appl.exception.motivation')}
            <textarea
              rows={2}
              value={value.minorException?.motivation ?? ''}
              maxLength={2000}
              onChange={(e) => onChange({ ...value, minorException: exception(value.minorException?.reference ?? '', e.target.value) })}
            />
          </label>
        </fieldset>
      )}
    </div>
  );
}

/** Both parts, or none (the server needs both). */
function exception(reference: string, motivation: string): InitialContent['minorException'] {
  return reference.trim() || motivation.trim() ? { reference, motivation } : null;
}
