import type { ApplicationStatus } from '@aware/protocol';
import { dynamicKey, useT } from '../../i18n/i18n.js';

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useT();
  return <span className={`badge app-status ${status}`}>{t(dynamicKey('appl.status', status))}</span>;
}
