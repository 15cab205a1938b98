import type { ApplicationStatus } from '@aware/casework/contract';
import { dynamicKey, useT } from '@aware/dashboard/kit';

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useT();
  return <span className={`badge app-status ${status}`}>{t(dynamicKey('appl.status', status))}</span>;
}
