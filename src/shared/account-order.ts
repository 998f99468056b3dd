/**
 * The person's own order of the popup's account list: pinned accounts first, in their own order,
 * then the accounts they moved, then every other account by service (ui/account-heading.ts), so
 * an account added later appears where the sort puts it, after the ordered ones.
 *
 * Only account ids are kept (plain storage.local, src/background/account-order.ts): the vault's
 * records are already stored under these ids, so the order reveals no label, issuer or username,
 * and it can be read without touching the vault's formats (old vaults open as before).
 * Ids of deleted accounts are skipped when ordering and dropped at the next save.
 * A backup carries the order inside its encrypted payload (docs/backup-format.md), under the
 * accounts' ids in that file; a restore maps them to the ids the accounts get in the vault.
 *
 * Pure module: no browser APIs, so the rules are unit-tested and both ends import it.
 */
import * as v from 'valibot';
import { IdSchema } from './id';

/** More ids than any vault holds accounts would only be a malformed record. */
const MAX_IDS = 1000;

export const AccountOrderSchema = v.strictObject({
  /** Pinned accounts, first to last. */
  pinned: v.pipe(v.array(IdSchema), v.maxLength(MAX_IDS)),
  /** Accounts not pinned that the person moved, first to last. */
  order: v.pipe(v.array(IdSchema), v.maxLength(MAX_IDS)),
});
export type AccountOrder = v.InferOutput<typeof AccountOrderSchema>;

export const EMPTY_ACCOUNT_ORDER: AccountOrder = { pinned: [], order: [] };

/**
 * `items` in the person's order: pinned ones (in `pinned`'s order), then those in `order`, then
 * the rest by `compare`. Ids in the stored order that no item has are skipped; an id listed twice
 * counts where it is first listed (pinned wins over ordered).
 */
export function orderAccounts<T extends { id: string }>(items: readonly T[], stored: AccountOrder, compare: (a: T, b: T) => number): T[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const out: T[] = [];
  for (const id of [...stored.pinned, ...stored.order]) {
    const item = byId.get(id);
    if (item) out.push(item), byId.delete(id);
  }
  return [...out, ...[...byId.values()].sort(compare)];
}

/** Whether the account is pinned (and not only listed under a deleted id). */
export function isPinned(stored: AccountOrder, id: string): boolean {
  return stored.pinned.includes(id);
}

/**
 * The order to store after a change, from the list as shown (`shown`: every account's id, in the
 * person's order): pinned ids keep their order, and every other shown account becomes ordered, so
 * what the person saw is what comes back. Ids of accounts that are gone are dropped.
 */
export function orderFromShown(shown: readonly string[], pinned: readonly string[]): AccountOrder {
  const present = new Set(shown);
  const pins = shown.filter((id) => pinned.includes(id));
  return { pinned: pins.filter((id) => present.has(id)), order: shown.filter((id) => !pins.includes(id)) };
}

/** Pins the account (last of the pinned) or unpins it (first after the pinned). */
export function togglePin(shown: readonly string[], stored: AccountOrder, id: string): AccountOrder {
  const pinned = shown.filter((s) => isPinned(stored, s));
  if (pinned.includes(id)) {
    const rest = pinned.filter((s) => s !== id);
    return orderFromShown([...rest, id, ...shown.filter((s) => !pinned.includes(s))], rest);
  }
  const next = [...pinned, id];
  return orderFromShown([...next, ...shown.filter((s) => !next.includes(s))], next);
}

/**
 * Moves the account to `to` (an index in `shown`) within its own group: a pinned account stays
 * among the pinned, another stays after them. Undefined when it cannot move there (already at the
 * group's edge, or `to` is in the other group).
 */
export function moveAccount(shown: readonly string[], stored: AccountOrder, id: string, to: number): AccountOrder | undefined {
  const pinned = shown.filter((s) => isPinned(stored, s));
  const group = isPinned(stored, id) ? pinned : shown.filter((s) => !pinned.includes(s));
  const start = isPinned(stored, id) ? 0 : pinned.length;
  const from = group.indexOf(id);
  const target = to - start;
  if (from < 0 || target < 0 || target >= group.length || target === from) return undefined;
  const moved = group.filter((s) => s !== id);
  moved.splice(target, 0, id);
  const all = isPinned(stored, id) ? [...moved, ...shown.filter((s) => !pinned.includes(s))] : [...pinned, ...moved];
  return orderFromShown(all, pinned);
}

/** The order restricted to `ids` (what a backup carries: only the accounts it holds). */
export function orderOf(stored: AccountOrder, ids: ReadonlySet<string>): AccountOrder {
  return { pinned: stored.pinned.filter((id) => ids.has(id)), order: stored.order.filter((id) => ids.has(id)) };
}

/**
 * The order after restoring a backup: the order already here comes first and is kept as it is;
 * the backup's (`restored`, already under the vault's ids) adds the accounts it names that this
 * order does not list yet, pinned after the pinned and ordered after the ordered. Restoring into
 * an empty vault so gives back the backup's order exactly.
 */
export function mergeRestoredOrder(current: AccountOrder, restored: AccountOrder): AccountOrder {
  const listed = new Set([...current.pinned, ...current.order]);
  const pinned = [...current.pinned];
  for (const id of restored.pinned) if (!listed.has(id)) pinned.push(id), listed.add(id);
  const order = [...current.order];
  for (const id of restored.order) if (!listed.has(id)) order.push(id), listed.add(id);
  return { pinned, order };
}
