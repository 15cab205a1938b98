import { ApiError } from '../../api/api-error.js';
import { translate, useT } from '../../i18n/i18n.js';
import { nl, type MessageKey } from '../../i18n/nl.js';

/** A refusal in words: a known code in the user's language, else the server's message (as text). */
export function ErrorText({ error }: { error: unknown }) {
  const { t, lang } = useT();
  if (!error) return null;
  let text: string;
  if (error instanceof ApiError) {
    const key = `error.${error.code}`;
    text = key in nl ? translate(lang, key as MessageKey) : t('error.generic', { message: error.message });
  } else text = t('error.generic', { message: String(error) });
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}
