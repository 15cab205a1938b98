import type { ExtensionContent } from '@aware/casework/contract';
import { FearFields } from './FearFields.js';
import { LimitedText, useT } from '@aware/dashboard/kit';
import { FieldProblem } from '../../shared/field-problems.js';

/** An extension: until when, why it is still needed, and the fear and risk as they are now. */
export function ExtensionForm({ value, onChange }: { value: ExtensionContent; onChange: (v: ExtensionContent) => void }) {
  const { t } = useT();
  return (
    <div className="application-form">
      <fieldset>
        <legend>{t('appl.extension')}</legend>
        <label>
          {t('appl.extension.until')}
          <input type="date" required value={value.requestedEndsOn} onChange={(e) => onChange({ ...value, requestedEndsOn: e.target.value })} />
          <FieldProblem path="requestedEndsOn" />
        </label>
        <label>
          {t('appl.extension.motivation')}
          <LimitedText multiline rows={3} value={value.motivation} max={4000} onChange={(v) => onChange({ ...value, motivation: v })} />
          <FieldProblem path="motivation" />
        </label>
      </fieldset>
      <FearFields value={value.fear} onChange={(fear) => onChange({ ...value, fear })} />
      <label>
        {t('appl.riskSummary')}
        <LimitedText multiline rows={3} value={value.riskSummary} max={4000} onChange={(v) => onChange({ ...value, riskSummary: v })} />
        <FieldProblem path="riskSummary" />
      </label>
    </div>
  );
}
