import { useT } from '../../i18n/i18n.js';
import { useStore } from '../../stores/use-store.js';
import { blockedStore, unlockSound } from './alarm-sound.js';

/** Says so when the browser blocks the alarm sound, with the click that unblocks it. */
export function SoundBanner() {
  const { t } = useT();
  const blocked = useStore(blockedStore);
  if (!blocked) return null;
  return (
    <div className="banner warn" role="alert">
      {t('board.soundOff')}{' '}
      <button type="button" onClick={unlockSound}>
        {t('board.soundOn')}
      </button>
    </div>
  );
}
