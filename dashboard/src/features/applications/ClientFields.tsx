import type { ClientParticulars } from '@aware/protocol';
import { useT } from '../../i18n/i18n.js';

/** The client's particulars (what the control room's dossier card shows, and the eligibility inputs). */
export function ClientFields({ value, onChange, regions }: { value: ClientParticulars; onChange: (v: ClientParticulars) => void; regions: { code: string; name: string }[] }) {
  const { t } = useT();
  const set = <K extends keyof ClientParticulars>(k: K, v: ClientParticulars[K]) => onChange({ ...value, [k]: v });
  return (
    <fieldset>
      <legend>{t('appl.client')}</legend>
      <label>
        {t('appl.client.name')}
        <input required value={value.name} maxLength={200} onChange={(e) => set('name', e.target.value)} />
      </label>
      <label>
        {t('appl.client.dateOfBirth')}
        <input type="date" value={value.dateOfBirth ?? ''} onChange={(e) => set('dateOfBirth', e.target.value || null)} />
      </label>
      <label>
        {t('appl.client.address')}
        <input value={value.address} maxLength={300} onChange={(e) => set('address', e.target.value)} />
      </label>
      <label>
        {t('appl.client.phone')}
        <input value={value.phone} maxLength={50} onChange={(e) => set('phone', e.target.value)} />
      </label>
      <label>
        {t('appl.client.preferredContact')}
        <input value={value.preferredContact} maxLength={300} onChange={(e) => set('preferredContact', e.target.value)} />
      </label>
      <label>
        {t('appl.client.residenceRegion')}
        <select value={value.residenceRegion ?? ''} onChange={(e) => set('residenceRegion', e.target.value || null)}>
          <option value="">—</option>
          {regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
