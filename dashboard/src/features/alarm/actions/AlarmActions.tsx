import type { AlarmView } from '@aware/protocol';
import { useCallback, useState } from 'react';
import { ApiError } from '../../../api/api-error.js';
import { maySendUnit } from '../../../app/roles.js';
import { sessionStore } from '../../../app/session-store.js';
import { useT } from '../../../i18n/i18n.js';
import { alarmStore } from '../../../live/live.js';
import { useStore } from '../../../stores/use-store.js';
import { alarmApi } from '../alarm-api.js';
import { DispatchDialog } from './DispatchDialog.js';
import { ResolveDialog } from './ResolveDialog.js';

/**
 * The operator's actions on an alarm: acknowledge (one click: it only says "I have this"), dispatch a
 * unit (police, once acknowledged; asks for the unit), resolve (asks for the outcome: it takes the alarm off every
 * board). The answer updates this console at once; the live feed updates the others.
 */
export function AlarmActions({ alarm, label }: { alarm: AlarmView; label: string }) {
  const { t } = useT();
  const session = useStore(sessionStore);
  const [dialog, setDialog] = useState<'dispatch' | 'resolve' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = useCallback(() => setDialog(null), []);
  if (session.status !== 'signed_in' || alarm.state === 'resolved') return null;
  const police = maySendUnit(session.session.user);

  const run = async (action: () => Promise<AlarmView>) => {
    setBusy(true);
    setError(null);
    try {
      alarmStore.upsert(await action());
      setDialog(null);
    } catch (e) {
      setError(t('action.failed', { message: e instanceof ApiError ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="alarm-actions">
      {alarm.state === 'new' && (
        <button type="button" className="primary big" disabled={busy} title={t('action.acknowledgeHelp')} onClick={() => void run(() => alarmApi.acknowledge(alarm.id))}>
          {t('action.acknowledge')}
        </button>
      )}
      {police && alarm.state === 'acknowledged' && (
        <button type="button" disabled={busy} onClick={() => setDialog('dispatch')}>
          {t('action.dispatch')}
        </button>
      )}
      <button type="button" disabled={busy} onClick={() => setDialog('resolve')}>
        {t('action.resolve')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {dialog === 'dispatch' && (
        <DispatchDialog
          deviceLabel={label}
          busy={busy}
          onCancel={close}
          onConfirm={(unit, note) => void run(() => alarmApi.dispatch(alarm.id, { unit, ...(note ? { note } : {}) }))}
        />
      )}
      {dialog === 'resolve' && (
        <ResolveDialog
          deviceLabel={label}
          busy={busy}
          onCancel={close}
          onConfirm={(outcome, note) => void run(() => alarmApi.resolve(alarm.id, { outcome, ...(note ? { note } : {}) }))}
        />
      )}
    </div>
  );
}
