import type { PerpetratorParticulars } from '@aware/casework/contract';
import { LimitedText, useT } from '@aware/dashboard/kit';
import { FieldProblem } from '../../shared/field-problems.js';

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
            <LimitedText required value={p.name} max={200} onChange={(v) => set(i, 'name', v)} />
            <FieldProblem path={`perpetrators.${i}.name`} />
          </label>
          <label>
            {t('appl.perp.relation')}
            <LimitedText value={p.relation} max={100} onChange={(v) => set(i, 'relation', v)} />
            <FieldProblem path={`perpetrators.${i}.relation`} />
          </label>
          <label>
            {t('appl.perp.description')}
            <LimitedText multiline rows={2} value={p.description} max={2000} onChange={(v) => set(i, 'description', v)} />
            <FieldProblem path={`perpetrators.${i}.description`} />
          </label>
          <label>
            {t('appl.perp.vehicle')}
            <LimitedText value={p.vehicle} max={300} onChange={(v) => set(i, 'vehicle', v)} />
            <FieldProblem path={`perpetrators.${i}.vehicle`} />
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
