// The import pipeline (src/background/accounts/import-pipeline.ts) through the router, as the
// pages use it: the page sends what the person gave, the background detects the format, adds
// what it can in one write, and answers each entry it did not add with a code and where (no
// sentence, no secret).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectOtpTextFormat } from '../../src/otp/import/detect';
import { migrationPayload, migrationUri } from '../fixtures/otp/migration-payload';
import { memoryStores, startWorker } from './background-helpers';

const S = 'JBSWY3DPEHPK3PXP';
const KEY = new TextEncoder().encode('12345678901234567890');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/otp/${name}`, import.meta.url), 'utf8');

async function unlocked() {
  const w = startWorker(memoryStores());
  expect(await w.send({ type: 'setup-vault', password: 'vault-password-123' })).toEqual({ ok: true });
  return w;
}

/** Problems never carry a sentence (the page words the code) nor a secret. */
function expectNoSentence(answer: unknown, secret = S): void {
  expect(JSON.stringify(answer)).not.toContain('"message"');
  expect(JSON.stringify(answer)).not.toContain(secret);
}

describe('format detection', () => {
  it('otpauth lines: each line that is not added is reported by its line and code, the others are added', async () => {
    const { send } = await unlocked();
    const data = `otpauth://totp/Shop:carol?secret=${S}&issuer=Shop\n\nhello\notpauth://totp/Bad?secret=not*base32\notpauth://hotp/H?secret=${S}JBSW&counter=3`;
    const answer = await send({ type: 'import', data });
    expect(answer).toEqual({
      ok: true, format: 'otpauth', added: 2, skipped: 0,
      problems: [{ line: 3, code: 'not-otp-line' }, { line: 4, code: 'secret-invalid' }],
    });
    expectNoSentence(answer);
    expect((await send({ type: 'list-accounts' })).accounts).toHaveLength(2);
  });

  it('an otpauth-migration link: its entries are added, a damaged one is reported by entry and name', async () => {
    const { send } = await unlocked();
    const uri = migrationUri(migrationPayload([
      { secret: KEY, name: 'alice', issuer: 'Example', algorithm: 1, digits: 1, type: 2 },
      { secret: KEY, name: 'bob', issuer: 'Example', algorithm: 4, digits: 1, type: 2 },
    ]));
    const answer = await send({ type: 'import', data: uri });
    expect(answer).toEqual({
      ok: true, format: 'google-migration', added: 1, skipped: 0,
      problems: [{ line: 1, entry: 2, label: 'Example (bob)', code: 'algorithm-unsupported' }],
    });
    expectNoSentence(answer);
  });

  it('a multi-part Google export with a QR code missing: the others are added, the missing one is named', async () => {
    const { send } = await unlocked();
    const first = migrationUri(migrationPayload([{ secret: KEY, name: 'alice', type: 2 }], { batchSize: 3, batchIndex: 0, batchId: 7 }));
    const third = migrationUri(migrationPayload([{ secret: new TextEncoder().encode('abcdefghijabcdefghij'), name: 'carol', type: 2 }], { batchSize: 3, batchIndex: 2, batchId: 7 }));
    const answer = await send({ type: 'import', data: `${first}\n${third}` });
    expect(answer).toEqual({ ok: true, format: 'google-migration', added: 2, skipped: 0, problems: [{ code: 'batch-incomplete', missing: [2], size: 3 }] });
  });

  it('Aegis JSON: detected as such; an entry of an unsupported type and one that is not an object are reported by entry', async () => {
    const { send } = await unlocked();
    const vault = JSON.parse(fixture('aegis-plain.json'));
    const count = vault.db.entries.length;
    vault.db.entries.push({ type: 'steam', name: 'gaben', issuer: 'Steam', info: { secret: S } }, 'not an entry');
    const answer = await send({ type: 'import', data: `\n${JSON.stringify(vault)}\n` });
    expect(answer).toMatchObject({ ok: true, format: 'aegis', skipped: 0 });
    expect(answer.problems).toEqual(expect.arrayContaining([
      { entry: count + 1, label: 'Steam (gaben)', code: 'type-unsupported' },
      { entry: count + 2, code: 'entry-not-object' },
    ]));
    expect(answer.added).toBeGreaterThan(0);
    expectNoSentence(answer);
  });

  it('an encrypted Aegis export and JSON that is no export each get their own code, and nothing is added', async () => {
    const { send } = await unlocked();
    expect(await send({ type: 'import', data: fixture('aegis-encrypted.json') }))
      .toEqual({ ok: true, format: 'aegis', added: 0, skipped: 0, problems: [{ code: 'aegis-encrypted' }] });
    expect(await send({ type: 'import', data: '{"not":"aegis"}' }))
      .toEqual({ ok: true, format: 'aegis', added: 0, skipped: 0, problems: [{ code: 'not-aegis' }] });
    expect(await send({ type: 'import', data: fixture('aegis-truncated.json') }))
      .toEqual({ ok: true, format: 'aegis', added: 0, skipped: 0, problems: [{ code: 'aegis-unreadable' }] });
  });

  it('a backup file: detected by its format id, restored with its password; refused without one', async () => {
    const { send } = await unlocked();
    await send({ type: 'import', data: `otpauth://totp/One?secret=${S}` });
    const { file } = await send({ type: 'export-backup', password: 'backup-password-1' });
    expect(await send({ type: 'import', data: file })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const other = await unlocked();
    expect(await other.send({ type: 'import', data: file, password: 'backup-password-1' }))
      .toEqual({ ok: true, format: 'backup', added: 1, skipped: 0, problems: [] });
    expect(await other.send({ type: 'import-preview', data: file })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('text with nothing to import, and text that is no OTP link at all', async () => {
    const { send } = await unlocked();
    expect(await send({ type: 'import', data: ' \n ' })).toEqual({ ok: true, format: 'otpauth', added: 0, skipped: 0, problems: [{ code: 'nothing-to-import' }] });
    expect(await send({ type: 'import', data: 'hello' })).toEqual({ ok: true, format: 'otpauth', added: 0, skipped: 0, problems: [{ line: 1, code: 'not-otp-line' }] });
  });

  it('an account the vault already holds is counted as skipped, not as a problem', async () => {
    const { send } = await unlocked();
    const data = `otpauth://totp/One?secret=${S}`;
    await send({ type: 'import', data });
    expect(await send({ type: 'import', data })).toEqual({ ok: true, format: 'otpauth', added: 0, skipped: 1, problems: [] });
  });

  it('the preview reports the same problems and adds nothing', async () => {
    const { send } = await unlocked();
    const answer = await send({ type: 'import-preview', data: `otpauth://totp/A?secret=${S}\notpauth://totp/B?secret=${S}&digits=12` });
    expect(answer).toEqual({ ok: true, format: 'otpauth', accounts: [{ type: 'totp', issuer: '', account: 'A' }], problems: [{ line: 2, code: 'otp-digits-out-of-range' }] });
    expect((await send({ type: 'list-accounts' })).accounts).toEqual([]);
  });
});

describe('detectOtpTextFormat (the one text-format rule, also used by the pages for QR codes and links)', () => {
  it('reads the first non-empty line', () => {
    expect(detectOtpTextFormat(' otpauth://totp/A?secret=JBSWY3DP')).toBe('otpauth');
    expect(detectOtpTextFormat('otpauth-migration://offline?data=CjEK')).toBe('google-migration');
    expect(detectOtpTextFormat('\n\notpauth-migration://offline?data=CjEK\notpauth://totp/A?secret=AA')).toBe('google-migration');
    expect(detectOtpTextFormat('{"version":1,"header":{"slots":null},"db":{"entries":[]}}')).toBe('aegis');
    expect(detectOtpTextFormat('hello')).toBeUndefined();
  });
});
