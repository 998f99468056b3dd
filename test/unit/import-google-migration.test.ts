import { readFileSync } from 'node:fs';
import { base64 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../src/otp/base32';
import { decodeMigrationPayload, importGoogleMigrationUri } from '../../src/otp/import/google-migration';
import { isOtpError } from '../../src/otp/otp-errors';
import { hotpCode } from '../../src/otp/hotp';
import { totpCode } from '../../src/otp/totp';
import {
  FIXTURE_BATCH,
  FIXTURE_ENTRIES,
  migrationPayload,
  migrationUri,
  type EntrySpec,
} from '../fixtures/otp/migration-payload';

const FIXTURE = readFileSync(new URL('../fixtures/otp/google-migration-export.txt', import.meta.url), 'utf8').trim();
const KEY20 = new TextEncoder().encode('12345678901234567890');
const totpEntry = (over: Partial<EntrySpec> = {}): EntrySpec => ({
  secret: KEY20, name: 'alice', issuer: 'Example', algorithm: 1, digits: 1, type: 2, ...over,
});

function importError(uri: string): string {
  try {
    importGoogleMigrationUri(uri);
  } catch (error) {
    expect(isOtpError(error, 'migration-unreadable')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a document error');
}

describe('the literal export fixture', () => {
  it('is exactly what BinaryWriter produces for its entries', () => {
    expect(migrationUri(migrationPayload(FIXTURE_ENTRIES, FIXTURE_BATCH))).toBe(FIXTURE);
    const data = decodeURIComponent(FIXTURE.split('data=')[1]!);
    expect(base64.decode(data)).toEqual(migrationPayload(FIXTURE_ENTRIES, FIXTURE_BATCH));
  });

  it('decodes to the three accounts, batch info included', () => {
    const result = importGoogleMigrationUri(FIXTURE);
    expect(result.problems).toEqual([]);
    expect(result.batch).toEqual({ version: 1, batchSize: 1, batchIndex: 0, batchId: -1320898453 });
    expect(result.accounts).toEqual([
      { type: 'totp', issuer: 'Example', account: 'alice@google.com', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
      // "Issuer:account" in name is split like an otpauth label.
      { type: 'totp', issuer: 'ACME Co', account: 'john.doe@email.com', secret: encodeBase32(KEY20), algorithm: 'SHA256', digits: 8, period: 30, counter: 0 },
      { type: 'hotp', issuer: 'Hotp Inc', account: 'bob', secret: encodeBase32(KEY20), algorithm: 'SHA1', digits: 6, period: 30, counter: 5 },
    ]);
  });

  it('yields working secrets (RFC 4226 key → RFC vectors)', () => {
    const [, sha256, hotp] = importGoogleMigrationUri(FIXTURE).accounts;
    expect(hotpCode(hotp!.secret, hotp!, hotp!.counter)).toBe('254676'); // RFC 4226 count 5
    expect(totpCode(sha256!.secret, sha256!, 59_000)).toBe(totpCode(KEY20, { algorithm: 'SHA256', digits: 8 }, 59_000));
  });
});

describe('importGoogleMigrationUri', () => {
  it('reads SHA512, 8 digits, large HOTP counters and unspecified (default) algorithm/digits', () => {
    const uri = migrationUri(
      migrationPayload([
        totpEntry({ algorithm: 3, digits: 2 }),
        totpEntry({ type: 1, counter: 2n ** 40n }),
        totpEntry({ algorithm: undefined, digits: undefined }),
      ]),
    );
    const { accounts, problems } = importGoogleMigrationUri(uri);
    expect(problems).toEqual([]);
    expect(accounts.map((a) => [a.type, a.algorithm, a.digits, a.counter])).toEqual([
      ['totp', 'SHA512', 8, 0],
      ['hotp', 'SHA1', 6, 2 ** 40],
      ['totp', 'SHA1', 6, 0],
    ]);
  });

  it('skips unknown fields', () => {
    // field 99 (varint 7) and field 98 (length-delimited "x"), inside an entry
    const extra = Uint8Array.from([0x98, 0x06, 0x07, 0x92, 0x06, 0x01, 0x78]);
    const { accounts, problems } = importGoogleMigrationUri(migrationUri(migrationPayload([totpEntry({ extra })])));
    expect(problems).toEqual([]);
    expect(accounts).toHaveLength(1);
  });

  it('reports bad entries one by one and keeps the others', () => {
    const uri = migrationUri(
      migrationPayload([
        totpEntry({ name: 'good1' }),
        totpEntry({ name: 'md5', algorithm: 4 }),
        totpEntry({ name: 'algo9', algorithm: 9 }),
        totpEntry({ name: 'digits7', digits: 7 }),
        totpEntry({ name: 'type0', type: 0 }),
        totpEntry({ name: 'type3', type: 3 }),
        totpEntry({ name: 'short', secret: KEY20.slice(0, 8) }),
        totpEntry({ name: 'nosecret', secret: new Uint8Array(0) }),
        totpEntry({ name: 'hugecounter', type: 1, counter: 2n ** 60n }),
        totpEntry({ name: 'good2' }),
      ]),
    );
    const { accounts, problems } = importGoogleMigrationUri(uri);
    expect(accounts.map((a) => a.account)).toEqual(['good1', 'good2']);
    expect(problems.map((p) => [p.entry, p.label])).toEqual([
      [2, 'Example (md5)'],
      [3, 'Example (algo9)'],
      [4, 'Example (digits7)'],
      [5, 'Example (type0)'],
      [6, 'Example (type3)'],
      [7, 'Example (short)'],
      [8, 'Example (nosecret)'],
      [9, 'Example (hugecounter)'],
    ]);
    expect(problems[0]!.message).toMatch(/MD5/);
    expect(problems[1]!.message).toMatch(/algorithm.*9/);
    expect(problems[2]!.message).toMatch(/digit.*7/);
    expect(problems[3]!.message).toMatch(/type.*0/);
    expect(problems[5]!.message).toMatch(/too short/);
  });

  it('reports an entry whose own bytes are damaged without losing the others', () => {
    // A valid outer length around a truncated inner message (secret claims 20 bytes, has 3).
    const damaged = Uint8Array.from([0x0a, 0x05, 0x0a, 0x14, 0x01, 0x02, 0x03]);
    const good = migrationPayload([totpEntry()]);
    const payload = new Uint8Array([...damaged, ...good]);
    const { accounts, problems } = importGoogleMigrationUri(migrationUri(payload));
    expect(accounts).toHaveLength(1);
    expect(problems).toEqual([{ entry: 1, code: 'entry-damaged', message: 'The entry is damaged and could not be read.' }]);
  });

  it('refuses a truncated payload', () => {
    const payload = migrationPayload(FIXTURE_ENTRIES, FIXTURE_BATCH);
    for (const cut of [1, 10, 40, payload.length - 12]) {
      expect(importError(migrationUri(payload.slice(0, cut)))).toMatch(/damaged/);
    }
  });

  it('refuses bad base64 and bad encodings', () => {
    expect(importError('otpauth-migration://offline?data=!!!!')).toMatch(/not valid base64/);
    expect(importError('otpauth-migration://offline?data=Ci0KC%ZZ')).toMatch(/percent-encoding/);
    expect(importError('otpauth-migration://offline?data=')).toMatch(/no "data"/);
    expect(importError('otpauth-migration://offline?foo=bar')).toMatch(/no "data"/);
    expect(importError('otpauth-migration://online?data=AAAA')).toMatch(/Not a Google Authenticator export/);
    expect(importError('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP')).toMatch(/Not a Google Authenticator export/);
  });

  it('refuses a link with two "data" parameters instead of picking one', () => {
    const one = encodeURIComponent(base64.encode(migrationPayload([totpEntry({ name: 'first' })])));
    const two = encodeURIComponent(base64.encode(migrationPayload([totpEntry({ name: 'second' })])));
    expect(importError(`otpauth-migration://offline?data=${one}&data=${two}`)).toMatch(/more than one "data"/);
    expect(importError(`otpauth-migration://offline?data=${one}&DATA=${one}`)).toMatch(/more than one "data"/);
    expect(importGoogleMigrationUri(`otpauth-migration://offline?x=1&data=${one}&y=2`).accounts.map((a) => a.account)).toEqual(['first']);
  });

  it('accepts data without percent-encoding or padding, and with "+" turned into spaces', () => {
    const data = base64.encode(migrationPayload(FIXTURE_ENTRIES, FIXTURE_BATCH));
    expect(data).toContain('+');
    const expected = importGoogleMigrationUri(FIXTURE).accounts;
    for (const variant of [data, data.replace(/=+$/, ''), data.replace(/\+/g, ' ')]) {
      expect(importGoogleMigrationUri(`otpauth-migration://offline?data=${variant}`).accounts).toEqual(expected);
    }
  });

  it('says so when an export holds no accounts', () => {
    const { accounts, problems } = importGoogleMigrationUri(migrationUri(migrationPayload([], { version: 1 })));
    expect(accounts).toEqual([]);
    expect(problems[0]!.message).toMatch(/no accounts/);
  });

  it('never reveals secrets in problems', () => {
    const uri = migrationUri(migrationPayload([totpEntry({ secret: KEY20.slice(0, 9), name: 'x' })]));
    const { problems } = importGoogleMigrationUri(uri);
    expect(JSON.stringify(problems)).not.toContain(encodeBase32(KEY20.slice(0, 9)).slice(0, 8));
  });
});

describe('decodeMigrationPayload', () => {
  it('returns raw entries and batch data', () => {
    const { entries, batch } = decodeMigrationPayload(migrationPayload([totpEntry(), totpEntry()], { version: 1, batchSize: 3, batchIndex: 2, batchId: 77 }));
    expect(entries).toHaveLength(2);
    expect(batch).toEqual({ version: 1, batchSize: 3, batchIndex: 2, batchId: 77 });
  });

  it('rejects a field with the wrong wire type', () => {
    // field 1 (otp_parameters) as a varint
    expect(() => decodeMigrationPayload(Uint8Array.from([0x08, 0x01]))).toThrow(/otp_parameters has the wrong wire type/);
  });
});
