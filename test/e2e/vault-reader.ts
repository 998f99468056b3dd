/**
 * Opens the vault found in a storage dump, in node, with the vault password and the extension's
 * own Vault/AccountStore code. Scenarios use it to learn the secrets that only ever existed
 * inside the extension (the device password Cognito never sees, an enrolled TOTP secret), so the
 * plaintext scan can look for them, and to prove those secrets really are in the vault, encrypted.
 */
import { AccountStore } from '../../src/background/accounts/store';
import type { Account, CognitoAccount } from '../../src/background/accounts/model';
import type { StorageArea, Stores } from '../../src/background/storage';
import { Vault } from '../../src/background/vault/vault';

/** A storage area over a copy of dumped items; writes stay in the copy. */
function memoryArea(items: Record<string, unknown>): StorageArea {
  const data = new Map(Object.entries(structuredClone(items)));
  return {
    async get(keys) {
      const wanted = keys === null ? [...data.keys()] : typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(wanted.filter((k) => data.has(k)).map((k) => [k, data.get(k)]));
    },
    async set(entries) {
      for (const [k, v] of Object.entries(entries)) data.set(k, v);
    },
    async remove(keys) {
      for (const k of typeof keys === 'string' ? [keys] : keys) data.delete(k);
    },
  };
}

/**
 * The accounts of the dumped vault. Only storage.local is used, with an empty session: the vault
 * key must come from the password, not from the unlocked browser session.
 */
export async function readVaultAccounts(dump: { local: Record<string, unknown> }, vaultPassword: string): Promise<Account[]> {
  const stores: Stores = { local: memoryArea(dump.local), session: memoryArea({}) };
  const vault = new Vault(stores);
  await vault.unlock(vaultPassword);
  return new AccountStore(vault).list();
}

export async function readCognitoAccount(dump: { local: Record<string, unknown> }, vaultPassword: string, username: string): Promise<CognitoAccount> {
  const accounts = await readVaultAccounts(dump, vaultPassword);
  const found = accounts.find((a): a is CognitoAccount => a.kind === 'cognito' && a.username === username);
  if (!found) throw new Error(`the vault holds no Cognito account for user "${username}"`);
  return found;
}
