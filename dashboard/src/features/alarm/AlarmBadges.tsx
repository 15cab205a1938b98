import type { AlarmView } from '@aware/protocol';
import { dynamicKey, useT } from '../../i18n/i18n.js';

/** State, escalation and flags of an alarm as badges. */
export function AlarmBadges({ alarm }: { alarm: AlarmView }) {
  const { t } = useT();
  return (
    <span className="badges">
      {alarm.flags.test && (
        <span className="badge test" title={t('alarm.testHelp')}>
          {t('alarm.test')}
        </span>
      )}
      <span className={`badge state-${alarm.state}`}>{t(dynamicKey('alarm.state', alarm.state))}</span>
      {alarm.escalatedAt && alarm.state !== 'resolved' && (
        <span className="badge escalated" title={t('alarm.escalatedHelp')}>
          {t('alarm.escalated')}
        </span>
      )}
      {alarm.flags.unassigned && <span className="badge flag">{t('alarm.unassigned')}</span>}
      {alarm.flags.noFix && <span className="badge flag">{t('alarm.noFix')}</span>}
      {alarm.flags.invalidPayload && <span className="badge flag">{t('alarm.invalidPayload')}</span>}
      {alarm.flags.reusedKey && (
        <span className="badge flag" title={t('alarm.reusedKeyHelp')}>
          {t('alarm.reusedKey')}
        </span>
      )}
    </span>
  );
}
