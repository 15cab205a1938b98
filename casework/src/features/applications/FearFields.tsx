import type { FearStatement } from '@aware/casework/contract';
import { LimitedText, useT } from '@aware/dashboard/kit';
import { FieldProblem } from '../../shared/field-problems.js';

/** The core condition: a real fear of being victimised again, by the same perpetrator, explained. */
export function FearFields({ value, onChange }: { value: FearStatement; onChange: (v: FearStatement) => void }) {
  const { t } = useT();
  return (
    <fieldset>
      <legend>{t('appl.fear')}</legend>
      <label className="checkbox">
        <input type="checkbox" checked={value.renewedVictimisation} onChange={(e) => onChange({ ...value, renewedVictimisation: e.target.checked })} />{' '}
        {t('appl.fear.renewed')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={value.samePerpetrator} onChange={(e) => onChange({ ...value, samePerpetrator: e.target.checked })} /> {t('appl.fear.same')}
      </label>
      <label>
        {t('appl.fear.explanation')}
        <LimitedText multiline rows={3} value={value.explanation} max={2000} onChange={(v) => onChange({ ...value, explanation: v })} />
        <FieldProblem path="fear.explanation" />
      </label>
    </fieldset>
  );
}
