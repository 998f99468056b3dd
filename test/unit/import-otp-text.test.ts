import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importOtpText } from '../../src/otp/import';
import { migrationPayload, migrationUri } from '../fixtures/otp/migration-payload';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/otp/${name}`, import.meta.url), 'utf8');
const S = 'JBSWY3DPEHPK3PXP';
const KEY = new TextEncoder().encode('12345678901234567890');
const part = (name: string, batchIndex: number, batchSize: number, batchId = 42) =>
  migrationUri(migrationPayload([{ secret: KEY, name, issuer: 'G', algorithm: 1, digits: 1, type: 2 }], { version: 1, batchSize, batchIndex, batchId }));

describe('importOtpText', () => {
  it('imports otpauth lines and migration lines mixed, reporting bad lines by number', () => {
    const text = [
      `otpauth://totp/Example:alice?secret=${S}&issuer=Example`,
      '',
      '   ',
      'hello there',
      `otpauth://hotp/Example:bob?secret=${S}`,
      fixture('google-migration-export.txt').trim(),
      `otpauth://totp/Example:carol?secret=${S}&digits=8\r`,
    ].join('\n');
    const { accounts, problems } = importOtpText(text);
    expect(accounts.map((a) => `${a.issuer}/${a.account}`)).toEqual([
      'Example/alice',
      'Example/alice@google.com',
      'ACME Co/john.doe@email.com',
      'Hotp Inc/bob',
      'Example/carol',
    ]);
    expect(problems).toEqual([
      { line: 4, code: 'not-otp-line', message: 'Not an otpauth:// or otpauth-migration:// URI.' },
      { line: 5, code: 'counter-invalid', message: 'An HOTP URI must have a "counter" parameter.' },
    ]);
  });

  it('numbers problems of migration entries by line and entry', () => {
    const uri = migrationUri(
      migrationPayload([
        { secret: KEY, name: 'ok', issuer: 'G', algorithm: 1, digits: 1, type: 2 },
        { secret: KEY, name: 'bad', issuer: 'G', algorithm: 9, digits: 1, type: 2 },
      ]),
    );
    const { accounts, problems } = importOtpText(`\n${uri}\notpauth-migration://offline?data=%%%`);
    expect(accounts).toHaveLength(1);
    expect(problems).toEqual([
      { line: 2, entry: 2, label: 'G (bad)', code: 'algorithm-unsupported', message: expect.stringMatching(/algorithm/) },
      { line: 3, code: 'migration-unreadable', message: expect.stringMatching(/percent-encoding/) },
    ]);
  });

  it('notices missing QR codes of a multi-part Google export', () => {
    const complete = importOtpText([part('a', 0, 2), part('b', 1, 2)].join('\n'));
    expect(complete.problems).toEqual([]);
    expect(complete.accounts).toHaveLength(2);

    const partial = importOtpText([part('a', 0, 3), part('c', 2, 3), part('x', 0, 2, 7)].join('\n'));
    expect(partial.accounts).toHaveLength(3);
    expect(partial.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/3 QR codes; code 2 of 3 is missing/),
      expect.stringMatching(/2 QR codes; code 2 of 2 is missing/),
    ]);
  });

  it('detects an Aegis export', () => {
    const { accounts, problems } = importOtpText(`\uFEFF  ${fixture('aegis-plain.json')}`);
    expect(accounts).toHaveLength(3);
    expect(problems).toHaveLength(3);
  });

  it('turns whole-file failures into a problem', () => {
    expect(importOtpText(fixture('aegis-encrypted.json'))).toEqual({
      accounts: [],
      problems: [{ code: 'aegis-encrypted', message: expect.stringMatching(/encrypted/) }],
    });
    expect(importOtpText(fixture('aegis-truncated.json')).problems[0]!.message).toMatch(/not valid JSON/);
    expect(importOtpText('{"some": "json"}').problems[0]!.message).toMatch(/not an Aegis vault/);
  });

  it('says when there is nothing to import', () => {
    expect(importOtpText(' \n\n ')).toEqual({ accounts: [], problems: [{ code: 'nothing-to-import', message: 'There is nothing to import.' }] });
  });

  it('never puts a secret in a problem', () => {
    const text = [
      'otpauth://totp/a?secret=JBSWY3DPEHPK3PX1',
      'otpauth://totp/a?secret=JBSWY3DPEHPK3&issuer=x',
      'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=MD4',
      'JBSWY3DPEHPK3PXP',
    ].join('\n');
    const { problems } = importOtpText(text);
    expect(problems).toHaveLength(4);
    expect(JSON.stringify(problems)).not.toContain('JBSWY3DP');
  });
});
