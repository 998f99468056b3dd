// Budgets of every import parser (src/otp/limits.ts IMPORT_LIMITS): checked before the input is
// decoded, each refusal with its own code, and an entry beyond a limit never costs the valid
// entries beside it.
import { describe, expect, it } from 'vitest';
import { importOtpText } from '../../src/otp/import';
import { importAegisJson } from '../../src/otp/import/aegis';
import { decodeMigrationPayload, importGoogleMigrationUri } from '../../src/otp/import/google-migration';
import { isOtpError, type OtpError } from '../../src/otp/otp-errors';
import { IMPORT_LIMITS, LABEL_MAX_CHARS, LIMIT_ERROR_CODES, OTP_LIMITS, type LimitErrorCode } from '../../src/otp/limits';
import { otpauthTextsFromQr } from '../../src/shared/qr-payload';
import { migrationPayload, migrationUri, type EntrySpec } from '../fixtures/otp/migration-payload';

const KEY20 = new TextEncoder().encode('12345678901234567890');
const entry = (over: Partial<EntrySpec> = {}): EntrySpec => ({ secret: KEY20, name: 'alice', issuer: 'Example', algorithm: 1, digits: 1, type: 2, ...over });
const S = 'JBSWY3DPEHPK3PXP';

function limitCode(call: () => unknown): LimitErrorCode {
  try {
    call();
  } catch (error) {
    expect(isOtpError(error, ...LIMIT_ERROR_CODES)).toBe(true);
    return (error as OtpError<LimitErrorCode>).code;
  }
  throw new Error('expected a limit error');
}

describe('Google otpauth-migration payloads', () => {
  it('a 50-byte payload with batch_size 2^31-1 allocates nothing for it and keeps the valid entry beside it', () => {
    const payload = migrationPayload([entry({ secret: KEY20.slice(0, 10), name: 'alice', issuer: 'Ex' })], { version: 1, batchSize: 2 ** 31 - 1, batchIndex: 0 });
    expect(payload.length).toBeLessThanOrEqual(50);
    // Through the text import, where the list of missing QR codes of a batch is built.
    const result = importOtpText(migrationUri(payload));
    expect(result.accounts).toMatchObject([{ type: 'totp', issuer: 'Ex', account: 'alice' }]);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'migration-batch-out-of-range' })]);
  });

  it.each([
    ['a batch of more QR codes than the budget', { batchSize: IMPORT_LIMITS.migrationBatchSize + 1, batchIndex: 0 }],
    ['a negative batch size', { batchSize: -5, batchIndex: 0 }],
    ['an index past the batch', { batchSize: 2, batchIndex: 2 }],
  ])('reports %s under its own code and ignores the count', (_name, batch) => {
    const result = importOtpText(migrationUri(migrationPayload([entry()], batch)));
    expect(result.accounts).toHaveLength(1);
    expect(result.problems.map((p) => p.code)).toEqual(['migration-batch-out-of-range']);
  });

  it('still reports the missing QR codes of a real multi-part export', () => {
    const result = importOtpText(migrationUri(migrationPayload([entry()], { batchSize: 3, batchIndex: 1, batchId: 7 })));
    expect(result.problems).toEqual([{ code: 'batch-incomplete', missing: [1, 3], size: 3, message: expect.stringMatching(/code 1, 3 of 3 are missing/) }]);
  });

  it('refuses an entry whose secret or name is over its limit from the length prefix, and keeps the others', () => {
    const result = importGoogleMigrationUri(migrationUri(migrationPayload([
      entry({ name: 'ok' }),
      entry({ name: 'long secret', secret: new Uint8Array(OTP_LIMITS.secretBytes.max + 1).fill(7) }),
      entry({ name: 'n'.repeat(3 * (2 * LABEL_MAX_CHARS + 1) + 1) }),
      entry({ name: 'long issuer', issuer: 'i'.repeat(LABEL_MAX_CHARS + 1) }),
    ])));
    expect(result.accounts.map((a) => a.account)).toEqual(['ok']);
    expect(result.problems.map((p) => [p.entry, p.code])).toEqual([[2, 'otp-secret-too-long'], [3, 'label-too-long'], [4, 'label-too-long']]);
  });

  it('refuses more entries than the budget before reading them', () => {
    const many = migrationPayload(Array.from({ length: IMPORT_LIMITS.entries + 1 }, () => entry()));
    expect(limitCode(() => decodeMigrationPayload(many))).toBe('import-too-many-entries');
  });

  it('refuses an export link longer than a QR code can hold', () => {
    const long = migrationUri(migrationPayload(Array.from({ length: 200 }, () => entry())));
    expect(long.length).toBeGreaterThan(IMPORT_LIMITS.lineChars);
    expect(limitCode(() => importGoogleMigrationUri(long))).toBe('import-line-too-long');
    expect(importOtpText(long).problems).toEqual([expect.objectContaining({ line: 1, code: 'import-line-too-long' })]);
  });
});

describe('pasted text', () => {
  it('refuses text over the size budget before splitting it', () => {
    const text = `otpauth://totp/a?secret=${S}\n`.repeat(Math.ceil(IMPORT_LIMITS.textChars / 30) + 1);
    expect(text.length).toBeGreaterThan(IMPORT_LIMITS.textChars);
    expect(limitCode(() => importOtpText(text))).toBe('import-too-large');
  });

  it('refuses more lines than the entries budget', () => {
    const text = Array.from({ length: IMPORT_LIMITS.entries + 1 }, (_, i) => `otpauth://totp/a${i}?secret=${S}`).join('\n');
    expect(text.length).toBeLessThan(IMPORT_LIMITS.textChars);
    expect(limitCode(() => importOtpText(text))).toBe('import-too-many-entries');
  });

  it('the entries budget is the whole text\'s: lines of Google exports of empty entries are refused, not turned into 387 000 problems', () => {
    const empties = new Uint8Array(2 * IMPORT_LIMITS.entries);
    for (let i = 0; i < empties.length; i += 2) empties[i] = 0x0a; // otp_parameters of length 0
    const line = migrationUri(empties);
    const text = Array.from({ length: Math.floor(IMPORT_LIMITS.textChars / (line.length + 1)) }, () => line).join('\n');
    expect(text.length).toBeLessThanOrEqual(IMPORT_LIMITS.textChars);
    expect(limitCode(() => importOtpText(text))).toBe('import-too-many-entries');
    // Valid accounts too: QR-sized exports of 80 accounts each, twelve lines are 960 accounts, thirteen are too many.
    const eighty = migrationUri(migrationPayload(Array.from({ length: 80 }, (_, i) => ({ secret: new Uint8Array(10).fill(i), name: `a${i}`, type: 2 }))));
    expect(eighty.length).toBeLessThanOrEqual(IMPORT_LIMITS.lineChars);
    expect(importOtpText(Array(12).fill(eighty).join('\n')).accounts).toHaveLength(960);
    expect(limitCode(() => importOtpText(Array(13).fill(eighty).join('\n')))).toBe('import-too-many-entries');
    expect(limitCode(() => importOtpText(`${Array(12).fill(eighty).join('\n')}\n${Array.from({ length: 41 }, (_, i) => `otpauth://totp/x${i}?secret=${S}`).join('\n')}`))).toBe('import-too-many-entries');
  });

  it('reports an otpauth line longer than a QR code under its own code and imports the others', () => {
    const long = `otpauth://totp/a?secret=${S}&x=${'y'.repeat(IMPORT_LIMITS.lineChars)}`;
    const result = importOtpText(`otpauth://totp/ok?secret=${S}\n${long}`);
    expect(result.accounts.map((a) => a.account)).toEqual(['ok']);
    expect(result.problems).toEqual([expect.objectContaining({ line: 2, code: 'import-line-too-long' })]);
  });
});

describe('Aegis exports', () => {
  const vault = (entries: unknown[]) => JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 2, entries } });
  const aegisEntry = (over: Record<string, unknown> = {}) => ({ type: 'totp', name: 'bob', issuer: 'ACME', info: { secret: S, algo: 'SHA1', digits: 6, period: 30 }, ...over });

  it('refuses a file over the size budget before JSON.parse', () => {
    // Not JSON at all: a parser that ran first would answer "not valid JSON" instead.
    const huge = `{${' '.repeat(IMPORT_LIMITS.textChars)}`;
    expect(limitCode(() => importAegisJson(huge))).toBe('import-too-large');
  });

  it('refuses more entries than the budget', () => {
    expect(limitCode(() => importAegisJson(vault(Array.from({ length: IMPORT_LIMITS.entries + 1 }, () => aegisEntry()))))).toBe('import-too-many-entries');
  });

  it('refuses a 100 000-character name with its code, cut short in the problem, and keeps the other entries', () => {
    const result = importAegisJson(vault([aegisEntry(), aegisEntry({ name: 'x'.repeat(100_000) })]));
    expect(result.accounts).toHaveLength(1);
    expect(result.problems).toEqual([expect.objectContaining({ entry: 2, code: 'label-too-long' })]);
    expect(result.problems[0]!.label!.length).toBeLessThan(200);
    expect(JSON.stringify(result.problems).length).toBeLessThan(1000);
  });

  it('applies the OTP rules to each entry (period, counter)', () => {
    const result = importAegisJson(vault([
      aegisEntry({ info: { secret: S, period: OTP_LIMITS.period.max + 1 } }),
      aegisEntry({ type: 'hotp', info: { secret: S, counter: 2 ** 53 - 1 } }),
    ]));
    expect(result.accounts).toEqual([]);
    expect(result.problems.map((p) => p.code)).toEqual(['otp-period-out-of-range', 'otp-counter-out-of-range']);
  });
});

describe('QR codes', () => {
  it('refuses a decoded text over the QR budget with its own code', () => {
    expect(limitCode(() => otpauthTextsFromQr([`otpauth://totp/a?secret=${S}&pad=${'x'.repeat(IMPORT_LIMITS.qrChars)}`]))).toBe('qr-too-large');
  });

  it('keeps the otpauth links among the texts found', () => {
    expect(otpauthTextsFromQr([' https://example.com ', ` otpauth://totp/a?secret=${S} `])).toEqual([`otpauth://totp/a?secret=${S}`]);
  });

  it('a QR code is one link: a text with more lines behind an otpauth link is not taken', () => {
    const one = `otpauth://totp/a?secret=${S}`;
    for (const br of ['\n', '\r\n', '\r', '\u2028', '\u0085']) {
      expect(otpauthTextsFromQr([`${one}${br}otpauth://totp/b?secret=${S}`])).toEqual([]);
      expect(otpauthTextsFromQr([`${one}${br}{"header":{},"db":{}}`])).toEqual([]);
    }
    expect(otpauthTextsFromQr([`otpauth://totp/ACME Co:john?secret=${S}\n`])).toEqual([`otpauth://totp/ACME Co:john?secret=${S}`]);
  });
});
