/**
 * Every visible string goes through `t()` so the pages can be translated by adding a
 * `_locales/<lang>/messages.json`; nothing in the UI is hard-coded English.
 *
 * Static markup is translated with data attributes instead of calls, so the HTML stays readable:
 * `data-i18n="key"` sets textContent, and `data-i18n-<attr>="key"` sets that attribute
 * (aria-label, placeholder, title).
 */
import browser from 'webextension-polyfill';
import { translator, type MessageLookup } from './translator';

export type { MessageLookup };

export const t = translator((key, subs) => browser.i18n.getMessage(key, subs));

const TRANSLATED_ATTRIBUTES = ['aria-label', 'placeholder', 'title'] as const;

/** Fills in every `data-i18n*` attribute under `root` (the static parts of a page). */
export function localizeTree(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n ?? '');
  }
  for (const attr of TRANSLATED_ATTRIBUTES) {
    for (const el of root.querySelectorAll<HTMLElement>(`[data-i18n-${attr}]`)) {
      el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`) ?? ''));
    }
  }
  // The language of the messages actually shown: a browser in a language we have no translation
  // for falls back to English, and `lang` must then say "en", not the browser's language.
  document.documentElement.lang = t('languageTag');
}

/** For names that may have a translation (challenge names): the message, or `fallback`. */
export function tOr(key: string, fallback: string): string {
  return /^[A-Za-z0-9_]+$/.test(key) ? browser.i18n.getMessage(key) || fallback : fallback;
}
