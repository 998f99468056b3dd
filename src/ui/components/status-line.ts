/**
 * A visible one-line result under a form ("Settings saved.", "Imported 1, skipped 0…"). The text
 * is spoken once through the page's announcer: the line itself is not a live region, so screen
 * readers do not hear the same result twice (once from the region, once from the announcer).
 */
import { h } from '../dom';
import { announce } from './announcer';

export type StatusTone = 'success' | 'error' | 'progress';

export interface StatusLine {
  element: HTMLElement;
  /** Shows `message`; results (success, error) are announced, progress ("Encrypting…") is only shown. */
  show(message: string, tone: StatusTone): void;
}

export function statusLine(id: string, extraClass = ''): StatusLine {
  const element = h('p', { id, 'data-testid': id, class: extraClass });
  return {
    element,
    show(message, tone) {
      element.textContent = message;
      element.className = [extraClass, tone === 'progress' ? '' : tone].filter(Boolean).join(' ');
      element.hidden = false;
      if (tone !== 'progress') announce(message);
    },
  };
}
