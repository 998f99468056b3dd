/**
 * Every page follows the vault's lock live. Three ways a page learns of a lock, so none is
 * missed when the browser stops the background (an MV3 worker or a Firefox event page):
 * - the background's `lock-state` broadcast after every lock and unlock (LockService), which
 *   the alarm or idle event wakes it for;
 * - any request of the page's own refused with `locked`;
 * - the page becoming visible again: it asks for the status (a background stopped between
 *   locking and telling still leaves storage locked).
 * The storage.session change events would say it too, but they carry the vault key's value
 * into every page that listens, and the pages never hold secrets.
 */
import browser from 'webextension-polyfill';
import { isLockStateEvent } from '../shared/events';
import { ask, onLockedAnswer } from './ask-background';
import { clearAnnouncements } from './components/announcer';

export interface LockHandlers {
  /** The vault is locked: drop everything shown (see `wipe`), then show the lock gate. */
  locked(): void;
  /** The vault was opened (here or on another page). */
  unlocked?(): void;
}

export function watchLock(handlers: LockHandlers): () => void {
  // Returns nothing, so requests meant for the background are still answered by it alone.
  const onMessage = (message: unknown, sender: browser.Runtime.MessageSender): undefined => {
    if (sender.id !== browser.runtime.id || !isLockStateEvent(message)) return undefined;
    if (message.locked) handlers.locked();
    else handlers.unlocked?.();
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  const stopAnswers = onLockedAnswer(() => handlers.locked());
  const onVisibility = () => {
    if (document.visibilityState !== 'visible') return;
    ask({ type: 'status' }).then((status) => {
      if (status.locked) handlers.locked();
      else if (status.initialized) handlers.unlocked?.();
    }, () => { /* the page's own requests will say what is wrong */ });
  };
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    browser.runtime.onMessage.removeListener(onMessage);
    stopAnswers();
    document.removeEventListener('visibilitychange', onVisibility);
  };
}

/**
 * Drops what `root` shows: every typed value (pasted otpauth secrets, passwords, labels; also
 * in forms a closure may still hold after they leave the page) is emptied, then every node is
 * removed, and the live region's last words are cleared.
 */
export function wipe(root: HTMLElement): void {
  for (const field of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
    if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) field.checked = false;
    else field.value = '';
  }
  root.replaceChildren();
  clearAnnouncements();
}
