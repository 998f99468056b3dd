import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBase32 } from '../../src/otp/base32';
import { importAegisJson, importAegisVault } from '../../src/otp/import/aegis';
import { DOCUMENT_ERROR_CODES, isOtpError } from '../../src/otp/otp-errors';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/otp/${name}`, import.meta.url), 'utf8');

function importError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isOtpError(error, ...DOCUMENT_ERROR_CODES)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a document error');
}

describe('importAegisJson: plain export', () => {
  const result = importAegisJson(fixture('aegis-plain.json'));

  it('imports the totp and hotp entries with their parameters', () => {
    expect(result.accounts).toEqual([
      { type: 'totp', issuer: 'Example', account: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
      { type: 'totp', issuer: 'ACME Co', account: 'ops', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', algorithm: 'SHA256', digits: 8, period: 60, counter: 0 },
      { type: 'hotp', issuer: 'Hotp Inc', account: 'bob', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA1', digits: 6, period: 30, counter: 5 },
    ]);
    expect(new TextDecoder().decode(decodeBase32(result.accounts[1]!.secret))).toBe('12345678901234567890123456789012');
  });

  it('skips steam and yandex entries and reports a bad one, naming each', () => {
    expect(result.problems).toEqual([
      { entry: 4, label: 'Steam (gamer)', code: 'type-unsupported', message: expect.stringMatching(/Skipped: Steam Guard/) },
      { entry: 5, label: 'Yandex (ivan)', code: 'type-unsupported', message: expect.stringMatching(/Skipped: Yandex/) },
      { entry: 6, label: 'Typo Corp (broken)', code: 'secret-invalid', message: expect.stringMatching(/Invalid character "1" \(U\+0031\) at position 16 .* Did you mean I or L\?/) },
    ]);
  });
});

describe('importAegisVault: entry checks', () => {
  const vault = (entries: unknown[]) => ({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries } });
  const info = { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 };

  it('reports each kind of bad entry', () => {
    const { accounts, problems } = importAegisVault(
      vault([
        'not an object',
        { type: 'motp', name: 'm', issuer: '', info: { ...info, pin: '1234' } },
        { type: 'fancy', name: 'f', issuer: 'F', info },
        { type: 'totp', name: 'noinfo', issuer: 'X' },
        { type: 'totp', name: 'md5', issuer: 'X', info: { ...info, algo: 'MD5' } },
        { type: 'totp', name: 'digits', issuer: 'X', info: { ...info, digits: 5 } },
        { type: 'totp', name: 'period', issuer: 'X', info: { ...info, period: 0 } },
        { type: 'hotp', name: 'nocounter', issuer: 'X', info },
        { type: 'totp', name: 'ok', issuer: 'X', info },
      ]),
    );
    expect(accounts.map((a) => a.account)).toEqual(['ok']);
    expect(problems.map((p) => [p.entry, p.label])).toEqual([
      [1, undefined],
      [2, 'm'],
      [3, 'F (f)'],
      [4, 'X (noinfo)'],
      [5, 'X (md5)'],
      [6, 'X (digits)'],
      [7, 'X (period)'],
      [8, 'X (nocounter)'],
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'The entry is not an object.',
      expect.stringMatching(/Skipped: mOTP/),
      expect.stringMatching(/unknown entry type "fancy"/),
      expect.stringMatching(/no "info"/),
      expect.stringMatching(/algorithm/i),
      expect.stringMatching(/Digits/),
      expect.stringMatching(/Period/),
      expect.stringMatching(/no counter/),
    ]);
  });

  it('an entry type or key named after an Object property is just unknown (no inherited lookup, no prototype)', () => {
    const text = `{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[
      {"type":"constructor","name":"c","issuer":"X","info":${JSON.stringify(info)}},
      {"type":"__proto__","name":"p","issuer":"X","info":${JSON.stringify(info)}},
      {"type":"toString","name":"t","issuer":"X","info":${JSON.stringify(info)}},
      {"type":"totp","name":"proto-info","issuer":"X","__proto__":{"info":${JSON.stringify(info)}}},
      {"type":"totp","name":"ok","issuer":"X","info":${JSON.stringify(info)},"__proto__":{"issuer":"Evil"}}]}}`;
    const { accounts, problems } = importAegisJson(text);
    expect(accounts).toMatchObject([{ account: 'ok', issuer: 'X' }]);
    expect(problems.map((p) => p.message)).toEqual([
      'Skipped: unknown entry type "constructor".',
      'Skipped: unknown entry type "__proto__".',
      'Skipped: unknown entry type "toString".',
      'The entry has no "info" object.',
    ]);
    expect(({} as Record<string, unknown>).info).toBeUndefined();
  });

  it('uses the defaults for fields an entry leaves out', () => {
    const { accounts } = importAegisVault(vault([{ type: 'totp', name: 'a', issuer: 'b', info: { secret: 'JBSWY3DPEHPK3PXP' } }]));
    expect(accounts[0]).toMatchObject({ algorithm: 'SHA1', digits: 6, period: 30 });
  });
});

describe('refusals', () => {
  it('refuses an encrypted export and says how to export a plain one', () => {
    const message = importError(() => importAegisJson(fixture('aegis-encrypted.json')));
    expect(message).toMatch(/encrypted/);
    expect(message).toMatch(/encryption turned off/);
  });

  it('treats slots without a string db as encrypted too', () => {
    const message = importError(() => importAegisVault({ version: 1, header: { slots: [], params: {} }, db: { entries: [] } }));
    expect(message).toMatch(/encrypted/);
  });

  it('refuses malformed JSON without quoting it', () => {
    const text = fixture('aegis-truncated.json');
    const message = importError(() => importAegisJson(text));
    expect(message).toMatch(/not valid JSON/);
    expect(message).not.toContain('JBSWY3DP');
  });

  it('refuses JSON that is not an Aegis vault', () => {
    expect(importError(() => importAegisJson('{"accounts": []}'))).toMatch(/not an Aegis vault/);
    expect(importError(() => importAegisJson('[1,2]'))).toMatch(/not an Aegis vault/);
    expect(importError(() => importAegisJson('{"header":{"slots":null},"db":{}}'))).toMatch(/db.entries/);
  });
});
