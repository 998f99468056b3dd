import { describe, expect, it } from 'vitest';
import { filterByQuery, matchesQuery } from '../../src/ui/search-filter';
import { formatCode } from '../../src/ui/format-code';
import { translator } from '../../src/ui/translator';

describe('account search', () => {
  const accounts = [
    { label: 'José Prod', issuer: 'Acme', username: 'jose@acme.test' },
    { label: 'Staging', issuer: undefined, username: 'ops' },
    { label: 'GitHub', issuer: 'GitHub' },
  ];
  it('matches label, issuer and username, ignoring case and accents', () => {
    expect(filterByQuery(accounts, 'jose').map((a) => a.label)).toEqual(['José Prod']);
    expect(filterByQuery(accounts, 'ACME').map((a) => a.label)).toEqual(['José Prod']);
    expect(filterByQuery(accounts, 'ops').map((a) => a.label)).toEqual(['Staging']);
  });
  it('needs every word, in any order', () => {
    expect(matchesQuery(accounts[0]!, 'prod josé')).toBe(true);
    expect(matchesQuery(accounts[0]!, 'prod staging')).toBe(false);
  });
  it('shows everything for an empty or blank query', () => {
    expect(filterByQuery(accounts, '   ')).toHaveLength(3);
  });
});

describe('formatCode', () => {
  it('splits codes into two groups', () => {
    expect(formatCode('123456')).toBe('123 456');
    expect(formatCode('1234567')).toBe('1234 567');
    expect(formatCode('12345678')).toBe('1234 5678');
  });
  it('leaves anything else as it is', () => {
    expect(formatCode('12345')).toBe('12345');
    expect(formatCode('ABCDEF')).toBe('ABCDEF');
  });
});

describe('translator', () => {
  it('passes substitutions to the lookup as strings', () => {
    const calls: unknown[] = [];
    const t = translator((key, subs) => { calls.push([key, subs]); return `${key}:${(subs ?? []).join('|')}`; });
    expect(t('tokensExpire', '10:30', 59)).toBe('tokensExpire:10:30|59');
    expect(calls).toEqual([['tokensExpire', ['10:30', '59']]]);
  });
  it('omits substitutions when there are none', () => {
    const t = translator((_key, subs) => (subs === undefined ? 'plain' : 'with subs'));
    expect(t('copied')).toBe('plain');
  });
  it('shows a missing key in brackets instead of an empty string', () => {
    const t = translator(() => '');
    expect(t('noSuchKey')).toBe('[noSuchKey]');
  });
});
