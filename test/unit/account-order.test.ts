// The person's order of the popup's list (src/shared/account-order.ts): pins first, then the
// stored order, then the by-service sort; unknown and deleted ids are skipped; moves stay in their group.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { AccountOrderSchema, EMPTY_ACCOUNT_ORDER, mergeRestoredOrder, moveAccount, orderAccounts, orderOf, togglePin, type AccountOrder } from '../../src/shared/account-order';

const item = (id: string, service: string) => ({ id, service });
const byService = (a: { service: string }, b: { service: string }) => a.service.localeCompare(b.service);
const ITEMS = [item('g', 'GitHub'), item('a', 'AWS'), item('z', 'Zoom'), item('d', 'Dropbox'), item('m', 'Mastodon')];
const ids = (order: AccountOrder) => orderAccounts(ITEMS, order, byService).map((i) => i.id);

describe('orderAccounts', () => {
  it('without a stored order sorts by service', () => {
    expect(ids(EMPTY_ACCOUNT_ORDER)).toEqual(['a', 'd', 'g', 'm', 'z']);
  });

  it('puts pinned accounts first in their own order, then the stored order, then the rest by service', () => {
    expect(ids({ pinned: ['z', 'g'], order: ['m'] })).toEqual(['z', 'g', 'm', 'a', 'd']);
  });

  it('skips unknown and deleted ids, and counts an id listed twice where it is first listed', () => {
    expect(ids({ pinned: ['gone', 'm'], order: ['deleted', 'm', 'd', 'd'] })).toEqual(['m', 'd', 'a', 'g', 'z']);
  });

  it('a stored order that breaks the schema is refused (the store then reads no order)', () => {
    expect(v.safeParse(AccountOrderSchema, { pinned: ['a'], order: [] }).success).toBe(true);
    expect(v.safeParse(AccountOrderSchema, { pinned: ['a b'], order: [] }).success).toBe(false);
    expect(v.safeParse(AccountOrderSchema, { pinned: [], order: [], labels: ['GitHub'] }).success).toBe(false);
    expect(v.safeParse(AccountOrderSchema, { pinned: [] }).success).toBe(false);
  });
});

describe('togglePin and moveAccount', () => {
  const shown = ['a', 'd', 'g', 'm', 'z'];

  it('pins an account last of the pinned, and unpins it to the first place after them', () => {
    const pinned = togglePin(shown, EMPTY_ACCOUNT_ORDER, 'm');
    expect(pinned).toEqual({ pinned: ['m'], order: ['a', 'd', 'g', 'z'] });
    const two = togglePin(ids(pinned), pinned, 'g');
    expect(ids(two)).toEqual(['m', 'g', 'a', 'd', 'z']);
    const unpinned = togglePin(ids(two), two, 'm');
    expect(ids(unpinned)).toEqual(['g', 'm', 'a', 'd', 'z']);
    expect(unpinned.pinned).toEqual(['g']);
  });

  it('moves an account one place within its group, and not past its edge', () => {
    const order = { pinned: ['z'], order: [] };
    const list = ids(order); // z | a d g m
    expect(list).toEqual(['z', 'a', 'd', 'g', 'm']);
    expect(ids(moveAccount(list, order, 'd', 2 + 1)!)).toEqual(['z', 'a', 'g', 'd', 'm']);
    expect(ids(moveAccount(list, order, 'd', 2 - 1)!)).toEqual(['z', 'd', 'a', 'g', 'm']);
    // The first unpinned account cannot move above a pinned one, nor a pinned one below them.
    expect(moveAccount(list, order, 'a', 0)).toBeUndefined();
    expect(moveAccount(list, order, 'z', 1)).toBeUndefined();
    expect(moveAccount(list, order, 'm', 5)).toBeUndefined();
    // Dropped on a row further away (drag and drop): it takes that row's place.
    expect(ids(moveAccount(list, order, 'm', 1)!)).toEqual(['z', 'm', 'a', 'd', 'g']);
  });

  it('a saved order drops ids of accounts that are gone', () => {
    const stale = { pinned: ['gone', 'g'], order: ['deleted', 'a'] };
    expect(togglePin(ids(stale), stale, 'z')).toEqual({ pinned: ['g', 'z'], order: ['a', 'd', 'm'] });
  });
});

describe('orderOf and mergeRestoredOrder (a backup\'s order)', () => {
  it('orderOf keeps only the given ids, in their order', () => {
    expect(orderOf({ pinned: ['z', 'x'], order: ['g', 'y', 'a'] }, new Set(['a', 'g', 'z']))).toEqual({ pinned: ['z'], order: ['g', 'a'] });
  });

  it('into an empty order gives the restored one back', () => {
    expect(mergeRestoredOrder(EMPTY_ACCOUNT_ORDER, { pinned: ['z'], order: ['g', 'a'] })).toEqual({ pinned: ['z'], order: ['g', 'a'] });
  });

  it('keeps the current order first; restored ids already listed (pinned or ordered) stay where they are; no id twice', () => {
    expect(mergeRestoredOrder({ pinned: ['m'], order: ['g'] }, { pinned: ['g', 'z', 'z'], order: ['m', 'a', 'z', 'a'] }))
      .toEqual({ pinned: ['m', 'z'], order: ['g', 'a'] });
  });
});
