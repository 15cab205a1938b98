import type { PerpetratorParticulars } from '@aware/protocol';
import { useT } from '../../i18n/i18n.js';

const MAX = 5;

/** The perpetrator(s): who, relation, how to recognise them and their vehicle. */
export function PerpetratorFields({ value, onChange }: { value: PerpetratorParticulars[]; onChange: (v: PerpetratorParticulars[]) => void }) {
  const { t } = useT();
  const set = (i: number, k: keyof Omit<PerpetratorParticulars, 'id'>, v: string) => onChange(value.map((p, j) => (j === i ? { ...p, [k]: v } : p)));
  return (
    <fieldset>
      <legend>{t('appl.perpetrators')}</legend>
      {value.map((p, i) => (
        <div key={p.id ?? `new-${i}`} className="perpetrator">
          <label>
            {t('appl.perp.name')} {value.length > 1 && i + 1}
            <input required value={p.name} maxLength={200} onChange={(e) => set(i, 'name', e.target.value)} />
          </label>
          <label>
            {t('appl.perp.relation')}
            <input value={p.relation} maxLength={100} onChange={(e) => set(i, 'relation', e.target.value)} />
          </label>
          <label>
            {t('appl.perp.description')}
            <textarea rows={2} value={p.description} maxLength={2000} onChange={(e) => set(i, 'description', e.target.value)} />
          </label>
          <label>
            {t('appl.perp.vehicle')}
            <input value={p.vehicle} maxLength={300} onChange={(e) => set(i, 'vehicle', e.target.value)} />
          </label>
          {value.length > 1 && (
            <button type="button" onClick={() => onChange(value.filter((_, j) => j !== i))}>
              {t('appl.perp.remove')}
            </button>
          )}
        </div>
      ))}
      {value.length < MAX && (
        <button type="button" onClick={() => onChange([...value, { name: '', relation: '', description: '', vehicle: '' }])}>
          {t('appl.perp.add')}
        </button>
      )}
    </fieldset>
  );
}
