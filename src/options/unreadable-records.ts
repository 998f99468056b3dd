/**
 * Sorting `list-accounts`' damaged records for the accounts table. The background reports a
 * record that failed to decrypt or validate by account id with the reason. Two cases look alike
 * there and need different handling here:
 *  - the account record itself is damaged: no readable account has that id, so the table lists
 *    the id and reason with a Delete button (`delete-account` removes the damaged record);
 *  - only a companion record (the stored tokens) is damaged: the account is listed and fine, so
 *    the reason is shown on its row, and deleting the whole account would be the wrong remedy.
 */

export interface UnreadableRecord { id: string; message: string }
export interface DamagedAccountRecord { id: string; reasons: string[] }

export interface SortedUnreadable {
  /** Records with no readable account: listed on their own, deletable. Sorted by id. */
  orphans: DamagedAccountRecord[];
  /** Reasons by the id of a readable account whose companion record is damaged. */
  onAccounts: Map<string, string[]>;
}

export function sortUnreadable(accountIds: Iterable<string>, unreadable: readonly UnreadableRecord[] = []): SortedUnreadable {
  const readable = new Set(accountIds);
  const orphans = new Map<string, string[]>();
  const onAccounts = new Map<string, string[]>();
  for (const { id, message } of unreadable) {
    const into = readable.has(id) ? onAccounts : orphans;
    const reasons = into.get(id) ?? [];
    // The same record may be reported twice (vault and token store); say it once.
    if (!reasons.includes(message)) reasons.push(message);
    into.set(id, reasons);
  }
  return {
    orphans: [...orphans].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, reasons]) => ({ id, reasons })),
    onAccounts,
  };
}
