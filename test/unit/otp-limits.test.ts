// One rule per number (src/otp/limits.ts), and every door applies it identically: the options
// page's form model, the add-account message schema, otpauth:// URIs (also what a QR code holds), the account check of
// the parsers (Google, Aegis), and the vault's check of what it stores (backups, every import).
import { describe, expect, it } from 'vitest';
import { admitAccount } from '../../src/background/accounts/model';
import { encodeBase32 } from '../../src/otp/base32';
import { hotpCode } from '../../src/otp/hotp';
import { LABEL_MAX_CHARS, OTP_LIMITS } from '../../src/otp/limits';
import { CONTROL_CHARS, validateOtpAccount } from '../../src/otp/otp-account';
import { parseOtpauthUri } from '../../src/otp/otpauth-uri';
import { isOtpError, isParameterError, limitOf, type OtpError } from '../../src/otp/otp-errors';
import { parseRequest } from '../../src/shared/requests';
import { otpInputFromForm } from '../../src/options/account-form-model';
import { importOtpText } from '../../src/otp/import';
import { migrationPayload, migrationUri } from '../fixtures/otp/migration-payload';

const S = 'JBSWY3DPEHPK3PXP';
const otp = { type: 'totp', issuer: 'Ex', account: 'alice', secret: S, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
const stored = (over: Record<string, unknown>) => ({ kind: 'totp', id: 'x', label: 'alice', secret: S, algorithm: 'SHA1', digits: 6, period: 30, ...over });
const storedHotp = (counter: number) => ({ kind: 'hotp', id: 'x', label: 'alice', secret: S, algorithm: 'SHA1', digits: 6, counter });

/** Whether each door accepts the value; all four must agree. */
function doors(field: 'period' | 'counter' | 'digits', value: number) {
  const kind = field === 'counter' ? 'hotp' : 'totp';
  const input = { kind, label: 'alice', secret: S, algorithm: 'SHA1', digits: 6, ...(kind === 'totp' ? { period: 30 } : { counter: 0 }), [field]: value };
  const form = parseRequest({ type: 'add-account', account: input }).ok;
  let uri = true;
  try {
    parseOtpauthUri(`otpauth://${kind}/alice?secret=${S}&${kind === 'hotp' && field !== 'counter' ? 'counter=0&' : ''}${field}=${value}`);
  } catch (error) {
    expect(isOtpError(error)).toBe(true);
    uri = false;
  }
  let parsers = true;
  try {
    validateOtpAccount({ ...otp, type: kind, [field]: value });
  } catch (error) {
    expect(isParameterError(error)).toBe(true);
    parsers = false;
  }
  const vault = admitAccount(kind === 'hotp' ? { ...storedHotp(0), [field]: value } : stored({ [field]: value })).ok;
  const formModel = otpInputFromForm({ type: kind, label: 'alice', issuer: '', secret: S, algorithm: 'SHA1', digits: '6', period: '30', counter: '0', [field]: String(value) }).ok;
  return { formModel, form, uri, parsers, vault };
}

const all = (ok: boolean) => ({ formModel: ok, form: ok, uri: ok, parsers: ok, vault: ok });

describe('one rule per number, the same at every door', () => {
  it.each([
    ['period', OTP_LIMITS.period],
    ['counter', OTP_LIMITS.counter],
    ['digits', OTP_LIMITS.digits],
  ] as const)('%s: the bounds are accepted everywhere, one past them refused everywhere', (field, { min, max }) => {
    expect(doors(field, min)).toEqual(all(true));
    expect(doors(field, max)).toEqual(all(true));
    expect(doors(field, max + 1)).toEqual(all(false));
    if (min > 0) expect(doors(field, min - 1)).toEqual(all(false));
  });

  it('the period a form refuses is refused in an otpauth URI too (it was unbounded there)', () => {
    expect(doors('period', 10 ** 9)).toEqual(all(false));
  });

  it('an HOTP counter of 2^53-1 is refused at every door, with its own code in the URI', () => {
    expect(doors('counter', Number.MAX_SAFE_INTEGER)).toEqual(all(false));
    const error = (() => {
      try {
        parseOtpauthUri(`otpauth://hotp/x?secret=${S}&counter=9007199254740991`);
      } catch (e) {
        return e as OtpError;
      }
    })();
    expect(error && limitOf(error)).toBe('otp-counter-out-of-range');
  });

  it('the code generator follows the same rule: the largest counter makes a code, one more is refused with the code', () => {
    expect(hotpCode(S, {}, OTP_LIMITS.counter.max)).toMatch(/^\d{6}$/);
    expect(() => hotpCode(S, {}, OTP_LIMITS.counter.max + 1)).toThrow(expect.objectContaining({ details: expect.objectContaining({ limit: 'otp-counter-out-of-range' }) }));
  });
});

describe('lengths', () => {
  const longName = 'n'.repeat(LABEL_MAX_CHARS + 1);

  it('issuer and account name: over 200 characters refused by the URI parser, the parsers and the vault, as by the form', () => {
    expect(() => parseOtpauthUri(`otpauth://totp/${longName}?secret=${S}`)).toThrow(expect.objectContaining({ details: expect.objectContaining({ limit: 'label-too-long' }) }));
    expect(() => parseOtpauthUri(`otpauth://totp/x?secret=${S}&issuer=${longName}`)).toThrow(expect.objectContaining({ details: expect.objectContaining({ limit: 'label-too-long' }) }));
    expect(() => validateOtpAccount({ ...otp, account: 'a'.repeat(100_000) })).toThrow(expect.objectContaining({ code: 'otp-parameter-invalid', details: { field: 'account', limit: 'label-too-long' } }));
    expect(admitAccount(stored({ label: longName })).ok).toBe(false);
    expect(admitAccount(stored({ issuer: longName })).ok).toBe(false);
    expect(parseRequest({ type: 'add-account', account: { kind: 'totp', label: longName, secret: S, algorithm: 'SHA1', digits: 6, period: 30 } }).ok).toBe(false);
    expect(parseOtpauthUri(`otpauth://totp/${'n'.repeat(LABEL_MAX_CHARS)}?secret=${S}`).account).toHaveLength(LABEL_MAX_CHARS);
  });

  it('a label with a control character is refused by the form schema and the vault, as by the parsers', () => {
    const input = { kind: 'totp', label: 'a\u0007b', secret: S, algorithm: 'SHA1', digits: 6, period: 30 };
    expect(parseRequest({ type: 'add-account', account: input }).ok).toBe(false);
    expect(admitAccount(stored({ label: 'a\u0007b' })).ok).toBe(false);
    expect(() => validateOtpAccount({ ...otp, account: 'a\u0007b' })).toThrow(expect.objectContaining({ code: 'otp-parameter-invalid', details: { field: 'account' } }));
  });

  it('secret: over 256 bytes refused with its own code, before decoding', () => {
    const long = encodeBase32(new Uint8Array(OTP_LIMITS.secretBytes.max + 1).fill(1));
    expect(() => parseOtpauthUri(`otpauth://totp/x?secret=${long}`)).toThrow(expect.objectContaining({ details: expect.objectContaining({ limit: 'otp-secret-too-long' }) }));
    expect(() => validateOtpAccount({ ...otp, secret: long })).toThrow(expect.objectContaining({ details: expect.objectContaining({ limit: 'otp-secret-too-long' }) }));
    expect(admitAccount(stored({ secret: long })).ok).toBe(false);
    const longest = encodeBase32(new Uint8Array(OTP_LIMITS.secretBytes.max).fill(1));
    expect(validateOtpAccount({ ...otp, secret: longest }).secret).toBe(longest);
    expect(admitAccount(stored({ secret: longest })).ok).toBe(true);
  });

  // One rule for visible text (CONTROL_CHARS in src/otp/otp-account.ts): a name shown to the person
  // holds no control character and no bidirectional formatting character, whichever way it came in.
  it.each([
    ['RLO (U+202E)', '\u202e'], ['LRO (U+202D)', '\u202d'], ['RLE (U+202B)', '\u202b'], ['PDF (U+202C)', '\u202c'],
    ['RLI (U+2067)', '\u2067'], ['FSI (U+2068)', '\u2068'], ['PDI (U+2069)', '\u2069'], ['RLM (U+200F)', '\u200f'], ['ALM (U+061C)', '\u061c'],
    ['NEL (U+0085, C1)', '\u0085'], ['ESC (U+001B, C0)', '\u001b'],
  ])('a name with %s is refused at every door: otpauth label and issuer, Google, Aegis, the form, the vault', (_name, ch) => {
    const bad = `moc.elgoog${ch}alice`;
    const enc = encodeURIComponent(bad);
    expect(() => parseOtpauthUri(`otpauth://totp/${enc}?secret=${S}`)).toThrow(expect.objectContaining({ code: 'uri-bad-label' }));
    expect(() => parseOtpauthUri(`otpauth://totp/Ex:alice?secret=${S}&issuer=${enc}`)).toThrow(expect.objectContaining({ code: 'uri-bad-label' }));
    expect(() => parseOtpauthUri(`otpauth://totp/${enc}:alice?secret=${S}`)).toThrow(expect.objectContaining({ code: 'uri-bad-label' }));
    const google = importOtpText(migrationUri(migrationPayload([{ secret: new Uint8Array(20).fill(7), name: bad, issuer: 'Ex', algorithm: 1, digits: 1, type: 2 }])));
    expect(google.accounts).toEqual([]);
    expect(google.problems[0]?.message).toMatch(/text-direction/);
    const aegis = importOtpText(JSON.stringify({ version: 1, header: { slots: null, params: null },
      db: { version: 2, entries: [{ type: 'totp', name: 'alice', issuer: bad, info: { secret: S } }] } }));
    expect(aegis.accounts).toEqual([]);
    const totp = { kind: 'totp', label: 'alice', secret: S, algorithm: 'SHA1', digits: 6, period: 30 };
    expect(parseRequest({ type: 'add-account', account: { ...totp, label: bad } }).ok).toBe(false);
    expect(parseRequest({ type: 'add-account', account: { ...totp, issuer: bad } }).ok).toBe(false);
    expect(parseRequest({ type: 'add-account', account: { kind: 'cognito', label: 'Work', userPoolId: 'eu-west-1_AbC123', clientId: 'abc123',
      username: bad, policy: { autoAnswer: true, rememberDevice: false } } }).ok).toBe(false);
    expect(parseRequest({ type: 'update-account', id: 'abc', patch: { label: bad } }).ok).toBe(false);
    expect(admitAccount(stored({ label: bad }))).toEqual({ ok: false, path: 'label' });
    expect(admitAccount(stored({ issuer: bad }))).toEqual({ ok: false, path: 'issuer' });
  });

  it('right-to-left names without formatting characters are kept as they are', () => {
    expect(parseOtpauthUri(`otpauth://totp/${encodeURIComponent('בנק:שלום')}?secret=${S}`)).toMatchObject({ issuer: 'בנק', account: 'שלום' });
    expect(admitAccount(stored({ label: 'مرحبا 123', issuer: 'בנק' })).ok).toBe(true);
  });

  // What an import says about what it refused quotes the input: the quoted part follows the same rule.
  it('a refused entry\'s name or value is quoted without controls or text-direction characters, whichever parser refused it', () => {
    const hostile = 'moc.elgoog\u202e\nline 2: imported\u2066';
    const clean = (s: string | undefined) => expect(s ?? '').not.toMatch(CONTROL_CHARS);
    const aegis = importOtpText(JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 2, entries: [
      { type: 'totp', name: hostile, issuer: hostile, info: { secret: 'NOT-BASE32' } },
      { type: hostile, name: 'x', info: { secret: S } },
    ] } }));
    expect(aegis.problems).toHaveLength(2);
    for (const p of aegis.problems) { clean(p.label); clean(p.message); }
    expect(aegis.problems[0]!.label).toContain('moc.elgoog\ufffd\ufffdline 2');
    const google = importOtpText(migrationUri(migrationPayload([{ secret: new Uint8Array(4), name: hostile, issuer: hostile, algorithm: 1, digits: 1, type: 2 }])));
    expect(google.problems).toHaveLength(1);
    clean(google.problems[0]!.label);
    for (const uri of [
      `otpauth://totp/x?secret=${S}&algorithm=${encodeURIComponent(hostile)}`,
      `otpauth://totp/x?secret=${S}&digits=${encodeURIComponent(hostile)}`,
      `otpauth://totp/x?secret=${S}&period=${encodeURIComponent(hostile)}`,
      `otpauth://hotp/x?secret=${S}&counter=${encodeURIComponent(hostile)}`,
      `otpauth://t\u202eotp/x?secret=${S}`,
      `otpauth://totp/x?secret=JBSWY3DPEHPK3PX\u202e`,
    ]) {
      expect(() => parseOtpauthUri(uri)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^uri-/) }));
      try { parseOtpauthUri(uri); } catch (error) { clean((error as Error).message); }
    }
    // A cut that splits a surrogate pair leaves no lone half behind.
    expect(importOtpText(JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 2,
      entries: [{ type: 'x'.repeat(23) + '\u{1F600}', name: 'x', info: { secret: S } }] } })).problems[0]!.message).not.toMatch(/\p{Surrogate}/u);
  });
});
