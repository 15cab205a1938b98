import type { ProtectiveOrder } from '@aware/protocol';
import type { Grounds } from '@aware/casework/contract';
import { dynamicKey, LimitedText, useT } from '@aware/dashboard/kit';
import { FieldProblem } from '../../shared/field-problems.js';

const ORDER_KINDS: ProtectiveOrder['kind'][] = ['tijdelijk_huisverbod', 'contactverbod', 'gebiedsverbod', 'other'];

/** The grounds: stalking, threats, earlier violence, and orders (tijdelijk huisverbod, contact or area ban) with their dates. */
export function GroundsFields({ value, onChange }: { value: Grounds; onChange: (v: Grounds) => void }) {
  const { t } = useT();
  const setOrder = (i: number, o: Partial<ProtectiveOrder>) => onChange({ ...value, orders: value.orders.map((x, j) => (j === i ? { ...x, ...o } : x)) });
  return (
    <fieldset>
      <legend>{t('appl.grounds')}</legend>
      {(['stalking', 'threats', 'earlierViolence'] as const).map((k) => (
        <label key={k} className="checkbox">
          <input type="checkbox" checked={value[k]} onChange={(e) => onChange({ ...value, [k]: e.target.checked })} /> {t(dynamicKey('appl.grounds', k))}
        </label>
      ))}
      {value.orders.map((o, i) => (
        <div key={i} className="order">
          <label>
            {t('appl.order.kind')}
            <select value={o.kind} onChange={(e) => setOrder(i, { kind: e.target.value as ProtectiveOrder['kind'] })}>
              {ORDER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(dynamicKey('appl.order', k))}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('appl.order.from')}
            <input type="date" required value={o.from} onChange={(e) => setOrder(i, { from: e.target.value })} />
            <FieldProblem path={`grounds.orders.${i}.from`} />
          </label>
          <label>
            {t('appl.order.until')}
            <input type="date" value={o.until ?? ''} onChange={(e) => setOrder(i, { until: e.target.value || null })} />
            <FieldProblem path={`grounds.orders.${i}.until`} />
          </label>
          <label>
            {t('appl.order.reference')}
            <LimitedText value={o.reference} max={100} onChange={(v) => setOrder(i, { reference: v })} />
            <FieldProblem path={`grounds.orders.${i}.reference`} />
          </label>
          <button type="button" onClick={() => onChange({ ...value, orders: value.orders.filter((_, j) => j !== i) })}>
            {t('appl.order.remove')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange({ ...value, orders: [...value.orders, { kind: 'tijdelijk_huisverbod', from: '', until: null, reference: '' }] })}>
        {t('appl.order.add')}
      </button>
      <label>
        {t('appl.grounds.description')}
        <LimitedText multiline rows={3} value={value.description} max={4000} onChange={(v) => onChange({ ...value, description: v })} />
        <FieldProblem path="grounds.description" />
      </label>
    </fieldset>
  );
}
