// Why a stored vault record cannot be read, as a code the pages word in the person's language
// (list-accounts' `unreadable`). The English message with the storage key stays for the details.
//
// Pure module: the vault (src/background/vault/format.ts) raises these, the pages translate them.

export const VAULT_DAMAGE_KINDS = [
  'altered',     // the authentication tag does not match: the bytes, the nonce or the record's id were changed, or another key wrote it
  'not-json',    // decrypted, but not JSON: written by something that is not this extension
  'wrong-shape', // decrypted JSON that does not match the record's schema (a newer or older version wrote it)
  'malformed',   // not even an envelope of the vault format (missing fields, not base64)
] as const;
export type VaultDamage = (typeof VAULT_DAMAGE_KINDS)[number];

/** Which record of an account could not be read: the account itself, or its stored sign-in. */
export type DamagedRecord = 'account' | 'tokens';

/** One record list-accounts could not read: whose, which, why (code) and the English detail. */
export interface UnreadableRecord { id: string; record: DamagedRecord; damage: VaultDamage; message: string }
