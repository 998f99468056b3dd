import fc from 'fast-check';
import { OTP_LIMITS } from '../../src/otp/limits';
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../src/otp/base32';
import { CONTROL_CHARS, createOtpAccount, type OtpAccount } from '../../src/otp/otp-account';
import { formatOtpauthUri, parseOtpauthUri } from '../../src/otp/otpauth-uri';
import { isOtpError, type OtpError } from '../../src/otp/otp-errors';

/** The reasons an otpauth:// URI is refused, as the `uri-…` codes say them. */
type UriRefusal = 'not-otpauth' | 'unsupported-type' | 'bad-encoding' | 'missing-label' | 'bad-label' | 'duplicate-parameter' | 'missing-secret' | 'bad-secret' | 'unknown-algorithm' | 'bad-digits' | 'bad-period' | 'missing-counter' | 'bad-counter';
import { totpCode } from '../../src/otp/totp';

const S = 'JBSWY3DPEHPK3PXP';

describe('parseOtpauthUri: Key Uri Format examples', () => {
  it('the TOTP example', () => {
    expect(parseOtpauthUri('otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example')).toEqual({
      type: 'totp',
      issuer: 'Example',
      account: 'alice@google.com',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
  });

  it('the example with every parameter', () => {
    expect(
      parseOtpauthUri(
        'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
      ),
    ).toEqual({
      type: 'totp',
      issuer: 'ACME Co',
      account: 'john.doe@email.com',
      secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
  });

  it.each([
    ['Example:alice@gmail.com', 'Example', 'alice@gmail.com'],
    ['Provider1:Alice%20Smith', 'Provider1', 'Alice Smith'],
    ['Big%20Corporation%3A%20alice@bigco.com', 'Big Corporation', 'alice@bigco.com'],
    ['alice@google.com', '', 'alice@google.com'],
  ])('label %s → issuer %j, account %j', (label, issuer, account) => {
    const parsed = parseOtpauthUri(`otpauth://totp/${label}?secret=${S}`);
    expect(parsed.issuer).toBe(issuer);
    expect(parsed.account).toBe(account);
  });

  it('hotp with counter, SHA256/SHA512 and 8 digits', () => {
    const hotp = parseOtpauthUri(`otpauth://hotp/Example:alice?secret=${S}&issuer=Example&counter=42&algorithm=SHA256&digits=8`);
    expect(hotp).toMatchObject({ type: 'hotp', counter: 42, algorithm: 'SHA256', digits: 8 });
    const totp = parseOtpauthUri(`otpauth://totp/x?secret=${S}&algorithm=sha512&digits=7&period=60`);
    expect(totp).toMatchObject({ algorithm: 'SHA512', digits: 7, period: 60 });
  });

  it('is lenient where apps are: case, padding, spaces in the secret, unknown parameters, fragments', () => {
    const parsed = parseOtpauthUri(
      `  OTPAUTH://TOTP/Example:alice?SECRET=jbsw%20y3dp%20ehpk%203pxp====&image=https%3A%2F%2Fx.example%2Fa.png&Issuer=Example#frag  `,
    );
    expect(parsed).toMatchObject({ type: 'totp', issuer: 'Example', account: 'alice', secret: S });
  });

  it('prefers the issuer parameter when it disagrees with the label prefix, and keeps it', () => {
    const parsed = parseOtpauthUri(`otpauth://totp/OldName:alice?secret=${S}&issuer=NewName`);
    expect(parsed).toMatchObject({ issuer: 'NewName', account: 'alice' });
  });

  it('takes the issuer from the parameter when the label has no prefix', () => {
    expect(parseOtpauthUri(`otpauth://totp/alice?secret=${S}&issuer=Example`)).toMatchObject({ issuer: 'Example', account: 'alice' });
  });

  it('reads + as a space in parameters but not in the label', () => {
    expect(parseOtpauthUri(`otpauth://totp/A+B:c+d?secret=${S}&issuer=ACME+Co`)).toMatchObject({ issuer: 'ACME Co', account: 'c+d' });
  });

  it('ignores period on hotp and counter on totp', () => {
    expect(parseOtpauthUri(`otpauth://hotp/a?secret=${S}&counter=1&period=junk`)).toMatchObject({ period: 30, counter: 1 });
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${S}&counter=junk`)).toMatchObject({ counter: 0 });
  });

  it('yields an account whose codes match the secret', () => {
    const a = parseOtpauthUri(`otpauth://totp/x?secret=${S}&digits=8&algorithm=SHA256&period=45`);
    expect(totpCode(a.secret, a, 1_700_000_000_000)).toBe(
      totpCode(S, { digits: 8, algorithm: 'SHA256', period: 45 }, 1_700_000_000_000),
    );
  });
});

describe('parseOtpauthUri: broken URIs', () => {
  const cases: [UriRefusal, string][] = [
    ['not-otpauth', 'https://example.com/totp/a?secret=JBSWY3DPEHPK3PXP'],
    ['not-otpauth', 'otpauth:/totp/a?secret=JBSWY3DPEHPK3PXP'],
    ['not-otpauth', 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8'],
    ['not-otpauth', 'JBSWY3DPEHPK3PXP'],
    ['unsupported-type', 'otpauth://steam/a?secret=JBSWY3DPEHPK3PXP'],
    ['unsupported-type', 'otpauth://?secret=JBSWY3DPEHPK3PXP'],
    ['bad-encoding', 'otpauth://totp/a%E0%A4%A?secret=JBSWY3DPEHPK3PXP'],
    ['bad-encoding', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&issuer=%ZZ'],
    ['missing-label', 'otpauth://totp/?secret=JBSWY3DPEHPK3PXP'],
    ['missing-label', 'otpauth://totp?secret=JBSWY3DPEHPK3PXP'],
    ['missing-label', 'otpauth://totp/%20:%20?secret=JBSWY3DPEHPK3PXP'],
    ['bad-label', 'otpauth://totp/Ex%0Aample:alice?secret=JBSWY3DPEHPK3PXP'],
    ['duplicate-parameter', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&secret=JBSWY3DPEHPK3PXP'],
    ['missing-secret', 'otpauth://totp/a?issuer=Example'],
    ['missing-secret', 'otpauth://totp/a?secret=&issuer=Example'],
    ['missing-secret', 'otpauth://totp/a'],
    ['bad-secret', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PX1'],
    ['bad-secret', 'otpauth://totp/a?secret=JBSWY3DPEHPK3'],
    ['bad-secret', 'otpauth://totp/a?secret=JBSWY3DPEHPK3P'],
    ['unknown-algorithm', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=MD5'],
    ['unknown-algorithm', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm='],
    ['bad-digits', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=5'],
    ['bad-digits', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=10'],
    ['bad-digits', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=six'],
    ['bad-digits', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=6.0'],
    ['bad-period', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=0'],
    ['bad-period', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=-30'],
    ['bad-period', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=thirty'],
    ['missing-counter', 'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP'],
    ['bad-counter', 'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=-1'],
    ['bad-counter', 'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=1e3'],
    ['bad-counter', 'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=9007199254740992'],
    // The review's list: each refused with its reason, none rounded or read some other way.
    ['unknown-algorithm', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=md5'],
    ['bad-period', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=-1'],
    ['bad-period', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=1e9'],
    ['bad-period', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=1000000000'],
    ['bad-counter', 'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=1.5'],
    ['bad-counter', 'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=0x10'],
    ['bad-counter', 'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=%EF%BC%91'],
    ['bad-secret', 'otpauth://totp/a?secret=JBSW%3DY3DPEHPK3PXP'],
    ['bad-secret', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PX0'],
    ['bad-secret', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PX8'],
    ['bad-secret', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PX9'],
    ['duplicate-parameter', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&Secret=JBSWY3DPEHPK3PXQ'],
    ['duplicate-parameter', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&secre%74=JBSWY3DPEHPK3PXQ'],
    ['duplicate-parameter', 'otpauth://totp/a?issuer=A&secret=JBSWY3DPEHPK3PXP&issuer=B'],
    ['bad-label', 'otpauth://totp/%E2%80%AEmoc.elgoog?secret=JBSWY3DPEHPK3PXP'],
  ];

  it('ignores parameters named after Object members, and says which issuer wins', () => {
    expect(parseOtpauthUri('otpauth://totp/a?__proto__=x&constructor=y&prototype=z&secret=JBSWY3DPEHPK3PXP&toString=1'))
      .toMatchObject({ account: 'a', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    // Label prefix and issuer= differ: the parameter wins (Key Uri Format; Google Authenticator does the same).
    expect(parseOtpauthUri('otpauth://totp/Google:alice?secret=JBSWY3DPEHPK3PXP&issuer=Other')).toMatchObject({ issuer: 'Other', account: 'alice' });
    // Only an issuer prefix: an account named by its issuer alone.
    expect(parseOtpauthUri('otpauth://totp/Issuer:?secret=JBSWY3DPEHPK3PXP')).toMatchObject({ issuer: 'Issuer', account: '' });
    expect(parseOtpauthUri('otpauth://totp/?secret=JBSWY3DPEHPK3PXP&issuer=Issuer')).toMatchObject({ issuer: 'Issuer', account: '' });
    // Lower case and spaces in the secret are how sites show it.
    expect(parseOtpauthUri('otpauth://totp/a?secret=jbsw+y3dp%20ehpk%203pxp').secret).toBe('JBSWY3DPEHPK3PXP');
  });

  it.each(cases)('%s: %s', (reason, uri) => {
    let caught: unknown;
    try {
      parseOtpauthUri(uri);
    } catch (error) {
      caught = error;
    }
    expect(isOtpError(caught)).toBe(true);
    expect((caught as OtpError).code).toBe(`uri-${reason}`);
    // The message is specific and never quotes the secret.
    expect((caught as OtpError).message).not.toMatch(/JBSWY3DPEHPK3/i);
  });

  it('points a Google export to the right importer', () => {
    expect(() => parseOtpauthUri('otpauth-migration://offline?data=AAAA')).toThrow(/Google Authenticator export/);
  });
});

describe('formatOtpauthUri', () => {
  it('writes issuer both in the label and as a parameter, and every parameter', () => {
    const account = createOtpAccount({ type: 'totp', issuer: 'ACME Co', account: 'john.doe@email.com', secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ' });
    expect(formatOtpauthUri(account)).toBe(
      'otpauth://totp/ACME%20Co:john.doe%40email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('writes the counter for hotp and no period', () => {
    const account = createOtpAccount({ type: 'hotp', issuer: 'X', account: 'y', secret: S, counter: 7, digits: 8, algorithm: 'SHA512' });
    expect(formatOtpauthUri(account)).toBe(`otpauth://hotp/X:y?secret=${S}&issuer=X&algorithm=SHA512&digits=8&counter=7`);
  });

  it('encodes colons inside names so the separator is the only literal colon', () => {
    const account = createOtpAccount({ type: 'totp', issuer: 'a:b', account: 'c:d', secret: S });
    const uri = formatOtpauthUri(account);
    expect(uri).toBe(`otpauth://totp/a%3Ab:c%3Ad?secret=${S}&issuer=a%3Ab&algorithm=SHA1&digits=6&period=30`);
    expect(parseOtpauthUri(uri)).toEqual(account);
  });

  it('keeps an account name with a colon intact when there is no issuer', () => {
    const account = createOtpAccount({ type: 'totp', account: 'user:42', secret: S });
    expect(formatOtpauthUri(account)).toMatch(/^otpauth:\/\/totp\/:user%3A42\?/);
    expect(parseOtpauthUri(formatOtpauthUri(account))).toEqual(account);
  });

  it('refuses an invalid account', () => {
    expect(() => formatOtpauthUri({ ...createOtpAccount({ type: 'totp', account: 'a', secret: S }), digits: 9 })).toThrow(/Digits/);
  });
});

// Names built from characters that stress URI encoding, plus arbitrary Unicode.
const nameChar = fc.oneof(
  fc.constantFrom(' ', ':', '%', '&', '=', '+', '#', '?', '/', '@', '%3A', '%20', '\u00a0', 'é', '日本', '😀', "'", '"'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const name = fc.string({ unit: nameChar, maxLength: 12 });

const accountArb = fc
  .record({
    type: fc.constantFrom('totp', 'hotp' as const),
    issuer: name,
    account: name,
    key: fc.uint8Array({ minLength: 10, maxLength: 64 }),
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512' as const),
    digits: fc.integer({ min: 6, max: 8 }),
    // Every value the rules of src/otp/limits.ts accept.
    period: fc.integer(OTP_LIMITS.period),
    counter: fc.integer(OTP_LIMITS.counter),
  })
  .map(({ key, issuer, account, ...rest }) => ({
    ...rest,
    // The account type's invariants: no control or text-direction characters, trimmed.
    issuer: issuer.replace(new RegExp(CONTROL_CHARS.source, 'gu'), ''),
    account: account.replace(new RegExp(CONTROL_CHARS.source, 'gu'), ''),
    secret: encodeBase32(key),
  }))
  .filter((a) => a.issuer.trim() !== '' || a.account.trim() !== '')
  .map((a): OtpAccount => createOtpAccount(a));

describe('round trip', () => {
  it('parse(format(x)) = x for any valid account', () => {
    fc.assert(
      fc.property(accountArb, (account) => {
        const uri = formatOtpauthUri(account);
        const [, label = ''] = /^otpauth:\/\/[a-z]+\/([^?]*)\?/.exec(uri) ?? [];
        // At most one literal colon, and only as separator; nothing unencoded that would end the label.
        expect(label.split(':').length).toBeLessThanOrEqual(2);
        expect(label).not.toMatch(/[?#&= ]/);
        expect(parseOtpauthUri(uri)).toEqual(account);
      }),
      { numRuns: 500 },
    );
  });

  it('format(parse(u)) is a fixed point', () => {
    fc.assert(
      fc.property(accountArb, (account) => {
        const once = formatOtpauthUri(account);
        expect(formatOtpauthUri(parseOtpauthUri(once))).toBe(once);
      }),
    );
  });
});
