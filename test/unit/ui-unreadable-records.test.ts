// How the options page sorts list-accounts' damaged records: a record without a readable account
// is listed on its own (deletable); a damaged companion of a readable account goes on its row.
import { describe, expect, it } from 'vitest';
import { sortUnreadable } from '../../src/options/unreadable-records';

describe('sortUnreadable', () => {
  it('lists records without a readable account on their own, sorted by id', () => {
    const sorted = sortUnreadable(['ok1'], [
      { id: 'zz', record: 'account', damage: 'altered', message: 'Record failed its integrity check.' },
      { id: 'aa', record: 'account', damage: 'wrong-shape', message: 'Record does not match the account schema.' },
    ]);
    expect(sorted.orphans).toEqual([
      { id: 'aa', damage: ['wrong-shape'], details: ['Record does not match the account schema.'] },
      { id: 'zz', damage: ['altered'], details: ['Record failed its integrity check.'] },
    ]);
    expect(sorted.onAccounts.size).toBe(0);
  });

  it('puts a damaged companion record on its readable account instead of offering to delete the account', () => {
    const sorted = sortUnreadable(['a1', 'a2'], [{ id: 'a2', record: 'tokens', damage: 'malformed', message: 'Tokens unreadable.' }]);
    expect(sorted.orphans).toEqual([]);
    expect([...sorted.onAccounts]).toEqual([['a2', { id: 'a2', damage: ['malformed'], details: ['Tokens unreadable.'] }]]);
  });

  it('gathers several reasons for one id and says a repeated one once', () => {
    const sorted = sortUnreadable([], [
      { id: 'x', record: 'account', damage: 'altered', message: 'first' },
      { id: 'x', record: 'account', damage: 'not-json', message: 'second' },
      { id: 'x', record: 'account', damage: 'altered', message: 'first' },
    ]);
    expect(sorted.orphans).toEqual([{ id: 'x', damage: ['altered', 'not-json'], details: ['first', 'second'] }]);
  });

  it('takes a missing list as none', () => {
    expect(sortUnreadable(['a'], undefined)).toEqual({ orphans: [], onAccounts: new Map() });
  });
});
