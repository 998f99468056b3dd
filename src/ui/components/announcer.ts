/**
 * One polite live region per page: screen readers hear short status changes ("Copied",
 * "Signed in") without the page moving focus. Repeating the same text re-announces it.
 */
import { h } from '../dom';

let region: HTMLElement | undefined;

export function announce(message: string): void {
  if (!region) {
    region = h('div', { class: 'visually-hidden', 'aria-live': 'polite', role: 'status', 'data-testid': 'announcer' });
    document.body.append(region);
  }
  const target = region;
  target.textContent = '';
  // A fresh task lets assistive tech see the change even when the text is the same as before.
  setTimeout(() => { target.textContent = message; }, 50);
}

/** Empties the live region (on a lock: its last words may name an account). */
export function clearAnnouncements(): void {
  if (region) region.textContent = '';
}
