// Restores accounts from a backup file into the vault; accounts the vault already holds are
// skipped (AccountStore.addMissing), so importing a backup twice adds nothing.
import type { AccountStore } from '../accounts/store';
import { readBackup } from './format';

export async function importBackup(store: AccountStore, text: string, password: string): Promise<{ added: number; skipped: number }> {
  const { accounts } = await readBackup(text, password);
  return store.addMissing(accounts);
}
