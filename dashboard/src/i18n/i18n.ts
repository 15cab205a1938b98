import { useCallback } from 'react';
import { createStore } from '../stores/create-store.js';
import { useStore } from '../stores/use-store.js';
import { en } from './en.js';
import { nl, type MessageKey, type Messages } from './nl.js';

export type Language = 'nl' | 'en';
const MESSAGES: Record<Language, Messages> = { nl, en };
const STORAGE_KEY = 'aware.language';

function initial(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

/** Dutch unless the user chose English (remembered in this browser). */
export const languageStore = createStore<Language>(initial());
languageStore.subscribe(() => {
  const lang = languageStore.get();
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: not remembered */
  }
});

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** `t('board.count', { n: 3 })`: the message in the current language with `{n}` filled in (as text). */
export function translate(lang: Language, key: MessageKey, vars?: Record<string, string | number>): string {
  const text: string = MESSAGES[lang][key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

export function useT(): { t: Translate; lang: Language } {
  const lang = useStore(languageStore);
  const t = useCallback<Translate>((key, vars) => translate(lang, key, vars), [lang]);
  return { t, lang };
}

/** A key built at run time (an enum value): checked against the messages, the raw value when unknown. */
export function dynamicKey(prefix: string, value: string): MessageKey {
  const key = `${prefix}.${value}`;
  return (key in nl ? key : 'error.generic') as MessageKey;
}
