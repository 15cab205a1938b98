import type { ExtensionContent } from '@aware/protocol';
import { useT } from '../../i18n/i18n.js';
import { FearFields } from './FearFields.js';

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
        </label>
        <label>
          {t('appl.extension.motivation')}
          <textarea rows={3} value={value.motivation} maxLength={4000} onChange={(e) => onChange({ ...value, motivation: e.target.value })} />
        </label>
      </fieldset>
      <FearFields value={value.fear} onChange={(fear) => onChange({ ...value, fear })} />
      <label>
        {t('appl.riskSummary')}
        <textarea rows={3} value={value.riskSummary} maxLength={4000} onChange={(e) => onChange({ ...value, riskSummary: e.target.value })} />
      </label>
    </div>
  );
}
