import { ApiError } from './api-error.js';
import { translate, type Language } from '../i18n/i18n.js';
import { nl, type MessageKey } from '../i18n/nl.js';

/** A refusal in the user's language: a known code's message (how long to wait, for a 429), else the server's text. */
export function errorInWords(lang: Language, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `error.${error.code}`;
    if (error.retryAfterS !== null) return translate(lang, 'error.DSH_ERR_TOO_MANY_ATTEMPTS', { minutes: Math.max(1, Math.ceil(error.retryAfterS / 60)) });
    if (key in nl) return translate(lang, key as MessageKey);
    return translate(lang, 'error.generic', { message: error.message });
  }
  return translate(lang, 'error.generic', { message: String(error) });
}
