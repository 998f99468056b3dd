// How the options page sorts list-accounts' damaged records: a record without a readable account
// is listed on its own (deletable); a damaged companion of a readable account goes on its row.
import { describe, expect, it } from 'vitest';
import { sortUnreadable } from '../../src/options/unreadable-records';

describe('sortUnreadable', () => {
  it('lists records without a readable account on their own, sorted by id', () => {
    const sorted = sortUnreadable(['ok1'], [
      { id: 'zz', message: 'Record failed its integrity check.' },
      { id: 'aa', message: 'Record does not match the account schema.' },
    ]);
    expect(sorted.orphans).toEqual([
      { id: 'aa', reasons: ['Record does not match the account schema.'] },
      { id: 'zz', reasons: ['Record failed its integrity check.'] },
    ]);
    expect(sorted.onAccounts.size).toBe(0);
  });

  it('puts a damaged companion record on its readable account instead of offering to delete the account', () => {
    const sorted = sortUnreadable(['a1', 'a2'], [{ id: 'a2', message: 'Tokens unreadable. The account itself is fine: sign in again to replace its tokens.' }]);
    expect(sorted.orphans).toEqual([]);
    expect([...sorted.onAccounts]).toEqual([['a2', ['Tokens unreadable. The account itself is fine: sign in again to replace its tokens.']]]);
  });

  it('gathers several reasons for one id and says a repeated one once', () => {
    const sorted = sortUnreadable([], [
      { id: 'x', message: 'first' }, { id: 'x', message: 'second' }, { id: 'x', message: 'first' },
    ]);
    expect(sorted.orphans).toEqual([{ id: 'x', reasons: ['first', 'second'] }]);
  });

  it('takes a missing list as none', () => {
    expect(sortUnreadable(['a'], undefined)).toEqual({ orphans: [], onAccounts: new Map() });
  });
});
