/**
 * The person's theme choice (the `theme` setting: system, light or dark) on the extension's
 * pages. The setting lives in the background's settings store; the pages keep a copy in the
 * extension's localStorage because public/theme-boot.js must read it synchronously, before the
 * first paint, and that script turns the choice into `data-theme` on <html>. Every page calls
 * `followTheme` with the settings it gets from the background, so the copy never stays stale
 * (a restored profile, a choice made while this page was closed).
 */
import type { Theme } from '../shared/requests';

export const THEME_STORAGE_KEY = 'theme';
const THEME_CHANGE_EVENT = 'extension-theme-change';

export function followTheme(theme: Theme): void {
  try {
    if (localStorage.getItem(THEME_STORAGE_KEY) === theme) return;
    // Other open extension pages get a `storage` event from this write; this page the event below.
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    return; // storage refused: the page keeps the system's theme
  }
  document.dispatchEvent(new Event(THEME_CHANGE_EVENT));
}
