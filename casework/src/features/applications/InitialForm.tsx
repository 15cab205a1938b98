import { POLICE_REFERENCE_LIMITS, type Eligibility, type InitialContent } from '@aware/casework/contract';
import { ClientFields } from './ClientFields.js';
import { FearFields } from './FearFields.js';
import { GroundsFields } from './GroundsFields.js';
import { PerpetratorFields } from './PerpetratorFields.js';
import { LimitedText, LineList, useT } from '@aware/dashboard/kit';
import { FieldProblem } from '../../shared/field-problems.js';

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
          <LimitedText multiline rows={4} value={value.riskSummary} max={4000} onChange={(v) => onChange({ ...value, riskSummary: v })} />
          <FieldProblem path="riskSummary" />
        </label>
        <label>
          {t('appl.policeReferences')}
          <span className="hint">{t('appl.policeReferencesHint')}</span>
          <LineList rows={2} value={value.policeReferences} maxItems={POLICE_REFERENCE_LIMITS.items} maxLength={POLICE_REFERENCE_LIMITS.length} onChange={(policeReferences) => onChange({ ...value, policeReferences })} />
          <FieldProblem path="policeReferences" />
        </label>
      </fieldset>
      {(minor || value.minorException) && (
        <fieldset className="exception">
          <legend>{t('appl.exception')}</legend>
          <p className="hint">{t('appl.exception.help')}</p>
          <label>
            {t('appl.exception.reference')}
            <LimitedText
              value={value.minorException?.reference ?? ''}
              max={200}
              onChange={(v) => onChange({ ...value, minorException: exception(v, value.minorException?.motivation ?? '') })}
            />
            <FieldProblem path="minorException.reference" />
          </label>
          <label>
            {t('appl.exception.motivation')}
            <LimitedText multiline
              rows={2}
              value={value.minorException?.motivation ?? ''}
              max={2000}
              onChange={(v) => onChange({ ...value, minorException: exception(value.minorException?.reference ?? '', v) })}
            />
            <FieldProblem path="minorException.motivation" />
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
