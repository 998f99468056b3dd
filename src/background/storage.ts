// The two storage areas the background uses, behind the smallest interface it needs, so node
// unit tests can hand in an in-memory implementation of the same browser API and the code under
// test is the code that ships.
//
// storage.local   survives restarts; holds only ciphertext (vault) and non-secret settings.
// storage.session in memory, cleared when the browser stops; holds the unwrapped vault key
//                 while unlocked and the encrypted state of sign-in flows in flight.
import type Browser from 'webextension-polyfill';

export interface StorageArea {
  /** `null` reads every key (used to enumerate vault records). */
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface Stores {
  local: StorageArea;
  session: StorageArea;
}

export function browserStores(browser: typeof Browser): Stores {
  return { local: browser.storage.local, session: browser.storage.session };
}
