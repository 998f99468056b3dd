// Restores accounts from a backup file into the vault. An account the vault already holds (same
// kind and identity, see `sameAccount`) is skipped, so importing a backup twice adds nothing.
import type { Account } from '../accounts/model';
import type { AccountStore } from '../accounts/store';
import { readBackup } from './format';

export async function importBackup(store: AccountStore, text: string, password: string): Promise<{ added: number; skipped: number }> {
  const { accounts } = await readBackup(text, password);
  const existing = (await store.listReadable()).accounts;
  let added = 0;
  let skipped = 0;
  for (const account of accounts) {
    if (existing.some((e) => sameAccount(e, account))) {
      skipped += 1;
      continue;
    }
    await store.addValidated(account);
    existing.push(account);
    added += 1;
  }
  return { added, skipped };
}

export function sameAccount(a: Account, b: Account): boolean {
  if (a.kind === 'cognito' && b.kind === 'cognito') {
    return a.userPoolId === b.userPoolId && a.clientId === b.clientId && a.username === b.username && (a.endpoint ?? '') === (b.endpoint ?? '');
  }
  if (a.kind !== 'cognito' && b.kind !== 'cognito') return a.kind === b.kind && a.secret === b.secret;
  return false;
}
