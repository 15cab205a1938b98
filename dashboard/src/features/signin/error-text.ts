import { ApiError } from '../../api/api-error.js';
import { translate, type Language } from '../../i18n/i18n.js';
import { nl, type MessageKey } from '../../i18n/nl.js';

/** The message for a refused sign-in: a known code in the user's language, else the server's text. */
export function signInErrorText(lang: Language, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `error.${error.code}`;
    if (error.retryAfterS !== null) return translate(lang, 'error.DSH_ERR_TOO_MANY_ATTEMPTS', { minutes: Math.max(1, Math.ceil(error.retryAfterS / 60)) });
    if (key in nl) return translate(lang, key as MessageKey);
    return translate(lang, 'error.generic', { message: error.message });
  }
  return translate(lang, 'error.generic', { message: String(error) });
}
