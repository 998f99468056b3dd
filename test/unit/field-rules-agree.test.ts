// One rule per field, wherever it is checked: boundary values go through the options form, the
// message schema the background parses requests with, the vault's admission check and the
// protocol core / engine, and every layer must say the same. A copy with other bounds (a form
// taking a 10-character client secret the engine then refuses) fails here.
import { describe, expect, it } from 'vitest';
import * as core from '../../src/cognito/validate';
import { handlerFor } from '../../src/cognito/engine/challenges';
import type { ChallengeContext } from '../../src/cognito/engine/context';
import type { PromptAnswer } from '../../src/cognito/engine/prompts';
import { cognitoInputFromForm, otpInputFromForm, type CognitoFormValues, type OtpFormValues } from '../../src/options/account-form-model';
import { deliveredCodeAnswer, totpCodeAnswer } from '../../src/popup/prompt-answers';
import { parseRequest } from '../../src/shared/requests';
import { admitAccount } from '../../src/background/accounts/model';
import { LABEL_MAX_CHARS, OTP_LIMITS } from '../../src/otp/limits';

const form: CognitoFormValues = {
  label: 'Work', userPoolId: 'eu-west-1_AbC123', clientId: '4a5b6c7d8e9f', clientSecret: '', endpoint: 'http://127.0.0.1:9229/',
  username: 'alice', password: '', totpSecret: '', autoAnswer: true, rememberDevice: true,
};

type CognitoField = 'userPoolId' | 'clientId' | 'clientSecret' | 'username';

/** What each layer says of `value` in `field` of a Cognito account. */
function verdicts(field: CognitoField, value: string) {
  const typed = cognitoInputFromForm({ ...form, [field]: value });
  const formOk = typed.ok;
  const input = { kind: 'cognito', label: 'Work', userPoolId: form.userPoolId, clientId: form.clientId, endpoint: form.endpoint,
    username: form.username, policy: { autoAnswer: true, rememberDevice: true }, [field]: value };
  const schemaOk = parseRequest({ type: 'add-account', account: input }).ok;
  const vaultOk = admitAccount({ ...input, id: 'a1', secrets: {} }).ok;
  const check = { userPoolId: core.validateUserPoolId, clientId: core.validateClientId, clientSecret: core.validateClientSecret, username: core.validateUsername }[field];
  let engineOk = true;
  try {
    check(value);
  } catch {
    engineOk = false;
  }
  return { formOk, schemaOk, vaultOk, engineOk };
}

const CASES: Record<CognitoField, [value: string, ok: boolean][]> = {
  userPoolId: [['eu-west-1_AbC123', true], ['local_abc', true], [`eu-west-1_${'a'.repeat(45)}`, true], [`eu-west-1_${'a'.repeat(46)}`, false],
    ['eu-west-1', false], ['eu-west-1_ab-c', false], ['eu west-1_abc', false]],
  clientId: [['a', true], ['a'.repeat(128), true], ['a'.repeat(129), false], ['abc+_9', true], ['abc-def', false]],
  // The API's 24-64: the options form used to take a 10-character secret that failed at sign-in.
  clientSecret: [['a'.repeat(23), false], ['a'.repeat(24), true], ['a'.repeat(64), true], ['a'.repeat(65), false], ['a'.repeat(10), false],
    [`${'a'.repeat(23)}+`, true], [`${'a'.repeat(23)}/`, false]],
  username: [['a', true], ['a'.repeat(128), true], ['a'.repeat(129), false], ['alice@example.com', true], ['al ice', false]],
};

/**
 * The vault restores and exports what earlier versions stored (StoredClientSecretSchema,
 * StoredUsernameSchema): for these two fields it takes more than new input may have, never less.
 */
const VAULT_KEEPS_OLDER: readonly CognitoField[] = ['clientSecret', 'username'];

describe('Cognito account fields: the form, the message schema, the vault and the engine agree', () => {
  for (const [field, cases] of Object.entries(CASES) as [CognitoField, [string, boolean][]][]) {
    it.each(cases)(`${field} %j: accepted everywhere = %s`, (value, ok) => {
      const { vaultOk, ...entered } = verdicts(field, value);
      expect(entered).toEqual({ formOk: ok, schemaOk: ok, engineOk: ok });
      if (ok || !VAULT_KEEPS_OLDER.includes(field)) expect(vaultOk).toBe(ok);
    });
  }
});

/** The engine's own answer check, run on the challenge handler it uses. */
function engineTakes(challenge: string, answer: PromptAnswer): boolean {
  const ctx = { challenge: { name: challenge, parameters: {} }, event: () => {} } as Pick<ChallengeContext, 'challenge' | 'event'> as ChallengeContext;
  const step = handlerFor(challenge).answer!(ctx, answer);
  return (step as { type: string }).type === 'respond';
}

describe('codes: the popup takes exactly what the engine takes', () => {
  const codes = ['12345', '123456', '1234567', '12345678', '123456789', '1234', '1234567890', 'abcdef', ''];
  it.each(codes)('TOTP code %j', (code) => {
    expect(totpCodeAnswer(code).ok).toBe(engineTakes('SOFTWARE_TOKEN_MFA', { kind: 'totp-code', code }));
    expect(totpCodeAnswer(code).ok).toBe(core.isTotpCode(code));
  });
  it.each(codes)('SMS and e-mail code %j', (code) => {
    expect(deliveredCodeAnswer('sms-code', code).ok).toBe(engineTakes('SMS_MFA', { kind: 'sms-code', code }));
    expect(deliveredCodeAnswer('email-code', code).ok).toBe(engineTakes('EMAIL_OTP', { kind: 'email-code', code }));
  });
  it('the bounds are the ones Cognito uses (TOTP 6, sent codes 6-8)', () => {
    expect(['123456', '12345678'].map((c) => deliveredCodeAnswer('sms-code', c).ok)).toEqual([true, true]);
    expect(['12345', '123456789'].map((c) => deliveredCodeAnswer('sms-code', c).ok)).toEqual([false, false]);
    expect(totpCodeAnswer('1234567').ok).toBe(false);
  });
});

describe('OTP fields and labels: the form and the message schema agree at the limits', () => {
  const otp: OtpFormValues = { type: 'totp', label: 'Mail', issuer: '', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: '6', period: '30', counter: '0' };
  const schemaTakes = (patch: Record<string, unknown>, kind: 'totp' | 'hotp' = 'totp') =>
    parseRequest({ type: 'add-account', account: { kind, label: 'Mail', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6,
      ...(kind === 'totp' ? { period: 30 } : { counter: 0 }), ...patch } }).ok;
  const { digits, period, counter } = OTP_LIMITS;
  it.each([digits.min - 1, digits.min, digits.max, digits.max + 1])('digits %d', (n) => {
    expect(otpInputFromForm({ ...otp, digits: String(n) }).ok).toBe(schemaTakes({ digits: n }));
  });
  it.each([period.min - 1, period.min, period.max, period.max + 1])('period %d', (n) => {
    expect(otpInputFromForm({ ...otp, period: String(n) }).ok).toBe(schemaTakes({ period: n }));
  });
  it.each([counter.min, counter.max, counter.max + 1])('HOTP counter %d', (n) => {
    expect(otpInputFromForm({ ...otp, type: 'hotp', counter: String(n) }).ok).toBe(schemaTakes({ counter: n }, 'hotp'));
  });
  it.each([LABEL_MAX_CHARS, LABEL_MAX_CHARS + 1])('label of %d characters', (n) => {
    const label = 'x'.repeat(n);
    expect(otpInputFromForm({ ...otp, label }).ok).toBe(schemaTakes({ label }));
    expect(cognitoInputFromForm({ ...form, label }).ok).toBe(n <= LABEL_MAX_CHARS);
  });
});
