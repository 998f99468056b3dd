/**
 * Copies text to the clipboard from a user gesture and confirms it visibly and audibly.
 * The popup has no clipboardWrite permission, so this must run inside a click/keydown handler.
 */
import { ask } from '../ask-background';
import { t } from '../i18n';
import { announce } from './announcer';

const FEEDBACK_MS = 1500;

export async function copyText(text: string, feedback?: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    announce(t('copyFailed'));
    if (feedback) showFeedback(feedback, t('copyFailed'));
    return false;
  }
  announce(t('copied'));
  if (feedback) showFeedback(feedback, t('copied'));
  // The background empties the clipboard after the delay chosen in options (off: nothing happens).
  void ask({ type: 'clipboard-copied' }).catch(() => undefined);
  return true;
}

function showFeedback(el: HTMLElement, message: string): void {
  el.textContent = message;
  el.hidden = false;
  window.setTimeout(() => {
    if (el.textContent === message) el.textContent = '';
  }, FEEDBACK_MS);
}
