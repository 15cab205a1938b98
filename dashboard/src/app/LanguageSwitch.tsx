import { languageStore, useT } from '../i18n/i18n.js';

export function LanguageSwitch() {
  const { t, lang } = useT();
  return (
    <button type="button" className="link" aria-label={t('nav.languageLabel')} onClick={() => languageStore.set(lang === 'nl' ? 'en' : 'nl')}>
      {t('nav.language')}
    </button>
  );
}
