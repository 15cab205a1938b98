import type { UserAction, UserView } from '../../contract/users.js';
import { dynamicKey, useT } from '../../i18n/i18n.js';
import { Dialog } from '../../ui/Dialog.js';

/** Says what an action on an account will do before it is done (instead of the browser's own confirm box). */
export function ConfirmActionDialog({ user, action, busy, onConfirm, onCancel }: { user: UserView; action: UserAction; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useT();
  const label = t(dynamicKey('users.action', action));
  return (
    <Dialog
      title={t('users.confirmTitle', { action: label, name: user.displayName })}
      submitLabel={label}
      cancelLabel={t('action.cancel')}
      busy={busy}
      danger={action === 'disable' || action === 'reset-credentials'}
      onCancel={onCancel}
      onSubmit={onConfirm}
    >
      <p>{t(dynamicKey('users.confirmHelp', action), { name: user.displayName })}</p>
    </Dialog>
  );
}
