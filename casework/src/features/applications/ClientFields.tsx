import type { ClientParticulars } from '@aware/casework/contract';
import { LimitedText, useT, RegionOptions } from '@aware/dashboard/kit';
import { FieldProblem } from '../../shared/field-problems.js';

/** The client's particulars (what the control room's dossier card shows, and the eligibility inputs). */
export function ClientFields({ value, onChange, regions }: { value: ClientParticulars; onChange: (v: ClientParticulars) => void; regions: { code: string; name: string }[] }) {
  const { t } = useT();
  const set = <K extends keyof ClientParticulars>(k: K, v: ClientParticulars[K]) => onChange({ ...value, [k]: v });
  return (
    <fieldset>
      <legend>{t('appl.client')}</legend>
      <label>
        {t('appl.client.name')}
        <LimitedText required value={value.name} max={200} onChange={(v) => set('name', v)} />
        <FieldProblem path="client.name" />
      </label>
      <label>
        {t('appl.client.dateOfBirth')}
        <input type="date" value={value.dateOfBirth ?? ''} onChange={(e) => set('dateOfBirth', e.target.value || null)} />
        <FieldProblem path="client.dateOfBirth" />
      </label>
      <label>
        {t('appl.client.address')}
        <LimitedText value={value.address} max={300} onChange={(v) => set('address', v)} />
        <FieldProblem path="client.address" />
      </label>
      <label>
        {t('appl.client.phone')}
        <LimitedText value={value.phone} max={50} onChange={(v) => set('phone', v)} />
        <FieldProblem path="client.phone" />
      </label>
      <label>
        {t('appl.client.preferredContact')}
        <LimitedText value={value.preferredContact} max={300} onChange={(v) => set('preferredContact', v)} />
        <FieldProblem path="client.preferredContact" />
      </label>
      <label>
        {t('appl.client.residenceRegion')}
        <select value={value.residenceRegion ?? ''} onChange={(e) => set('residenceRegion', e.target.value || null)}>
          <RegionOptions regions={regions} none="—" />
        </select>
      </label>
    </fieldset>
  );
}
