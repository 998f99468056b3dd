/**
 * Sorting `list-accounts`' damaged records for the accounts table. The background reports each
 * record that failed to decrypt or validate with its account id, which record it is, why (a
 * code, src/shared/vault-damage.ts) and an English detail. Two cases need different handling:
 *  - the account record itself is damaged: no readable account has that id, so the table lists
 *    the id and reason with a Delete button (`delete-account` removes the damaged record);
 *  - only a companion record (the stored tokens) is damaged: the account is listed and fine, so
 *    the reason is shown on its row, and deleting the whole account would be the wrong remedy.
 */
import type { UnreadableRecord, VaultDamage } from '../shared/vault-damage';

export interface DamagedAccountRecord {
  id: string;
  /** Why, each said once, in the order reported: the page words these. */
  damage: VaultDamage[];
  /** The background's English details, each said once. */
  details: string[];
}

export interface SortedUnreadable {
  /** Records with no readable account: listed on their own, deletable. Sorted by id. */
  orphans: DamagedAccountRecord[];
  /** By the id of a readable account whose companion record is damaged. */
  onAccounts: Map<string, DamagedAccountRecord>;
}

export function sortUnreadable(accountIds: Iterable<string>, unreadable: readonly UnreadableRecord[] = []): SortedUnreadable {
  const readable = new Set(accountIds);
  const orphans = new Map<string, DamagedAccountRecord>();
  const onAccounts = new Map<string, DamagedAccountRecord>();
  for (const { id, damage, message } of unreadable) {
    const into = readable.has(id) ? onAccounts : orphans;
    const entry = into.get(id) ?? { id, damage: [], details: [] };
    // The same record may be reported twice (vault and token store); say it once.
    if (!entry.damage.includes(damage)) entry.damage.push(damage);
    if (!entry.details.includes(message)) entry.details.push(message);
    into.set(id, entry);
  }
  return {
    orphans: [...orphans.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    onAccounts,
  };
}
