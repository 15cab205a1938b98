import type { AlarmView } from '@aware/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { maySendUnit } from '../../../app/roles.js';
import { sessionStore } from '../../../app/session-store.js';
import { useT } from '../../../i18n/i18n.js';
import { alarmStore } from '../../../live/live.js';
import { useStore } from '../../../stores/use-store.js';
import { alarmApi } from '../alarm-api.js';
import { DispatchDialog } from './DispatchDialog.js';
import { ResolveDialog } from './ResolveDialog.js';
import { errorInWords } from '../../../api/error-in-words.js';

/**
 * The operator's actions on an alarm: acknowledge (one click: it only says "I have this"), dispatch a
 * unit (police, once acknowledged; asks for the unit), resolve (asks for the outcome: it takes the alarm off every
 * board). The answer updates this console at once; the live feed updates the others.
 */
export function AlarmActions({ alarm, label }: { alarm: AlarmView; label: string }) {
  const { t, lang } = useT();
  const session = useStore(sessionStore);
  const [dialog, setDialog] = useState<'dispatch' | 'resolve' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = useCallback(() => setDialog(null), []);
  const own = useRef<HTMLDivElement>(null);
  // after an acknowledgement made here, once the board has re-rendered (and re-sorted) with it
  const focusAfterAck = useRef(false);
  useEffect(() => {
    if (!focusAfterAck.current || alarm.state === 'new') return;
    focusAfterAck.current = false;
    focusNext(own.current, alarm.id);
  }, [alarm.state, alarm.id]);
  if (session.status !== 'signed_in' || alarm.state === 'resolved') return null;
  const police = maySendUnit(session.session.user);

  /** Runs an action; true when it was done. */
  const run = async (action: () => Promise<AlarmView>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      alarmStore.upsert(await action());
      setDialog(null);
      return true;
    } catch (e) {
      setError(errorInWords(lang, e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="alarm-actions" ref={own}>
      {alarm.state === 'new' && (
        <button
          type="button"
          className="primary big"
          disabled={busy}
          title={t('action.acknowledgeHelp')}
          onClick={() => {
            // set before the answer arrives: the re-render it causes may come before run() returns
            focusAfterAck.current = true;
            void run(() => alarmApi.acknowledge(alarm.id)).then((done) => {
              if (!done) focusAfterAck.current = false;
            });
          }}
        >
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

/**
 * Keyboard work: once an alarm is acknowledged its button is gone, and focus would fall back to the top
 * of the page. It moves to the next waiting alarm's acknowledge button on the board, else stays on this
 * alarm (its next action), so an operator can acknowledge one alarm after another with Enter.
 */
function focusNext(own: HTMLElement | null, acknowledged: string): void {
  const next = document.querySelector<HTMLButtonElement>(`.alarm-card[data-state="new"]:not([data-alarm-id="${CSS.escape(acknowledged)}"]) .alarm-actions button.primary`);
  (next ?? own?.querySelector<HTMLButtonElement>('button:not([disabled])'))?.focus();
}
