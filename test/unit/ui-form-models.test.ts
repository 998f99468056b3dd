// The options and popup forms' rules: typed values → the message the background receives.
// Each built message is also checked against the background's own schema, so the two ends agree.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { AccountInputSchema, AccountPatchSchema, PromptAnswerSchema } from '../../src/shared/requests';
import {
  clockOffsetFromForm, cognitoInputFromForm, cognitoPatchFromForm, endpointPermission, otpInputFromForm, userPoolIdError,
  type CognitoEditValues, type CognitoFormValues,
} from '../../src/options/account-form-model';
import { isEncryptedAegis, backupFileName } from '../../src/ui/import-format';
import {
  customChallengeAnswer, deliveredCodeAnswer, newPasswordAnswer, selectChallengeAnswer, selectMfaTypeAnswer, totpCodeAnswer,
} from '../../src/popup/prompt-answers';

const cognito: CognitoFormValues = {
  label: '', userPoolId: ' eu-west-1_AbC123 ', clientId: '4a5b6c7d8e9f', clientSecret: '', endpoint: '', username: ' alice ',
  password: ' pass with spaces ', totpSecret: '', autoAnswer: false, rememberDevice: true,
};

describe('user pool id', () => {
  it('accepts AWS regions, including gov and China', () => {
    for (const id of ['us-east-1_abc', 'us-gov-west-1_Xy9', 'cn-north-1_q']) expect(userPoolIdError(id, false)).toBeUndefined();
  });
  it('sends a region missing from the botocore list (ap-southeast-5 is newer than the data) to the endpoint field', () => {
    expect(userPoolIdError('ap-southeast-5_Z', false)).toBe('errorUserPoolIdRegionUnlisted');
    expect(userPoolIdError('ap-southeast-5_Z', true)).toBeUndefined();
  });
  it('rejects a region that is not one, unless a custom endpoint routes the requests', () => {
    expect(userPoolIdError('local_abc', false)).toBe('errorUserPoolIdRegion');
    expect(userPoolIdError('local_abc', true)).toBeUndefined();
  });
  it('rejects ids that break the API pattern', () => {
    expect(userPoolIdError('eu-west-1', false)).toBe('errorUserPoolIdFormat');
    expect(userPoolIdError('eu-west-1_ab-c', false)).toBe('errorUserPoolIdFormat');
    expect(userPoolIdError(`eu-west-1_${'a'.repeat(50)}`, false)).toBe('errorUserPoolIdFormat');
    expect(userPoolIdError('', false)).toBe('errorRequired');
  });
});

describe('endpoint permission', () => {
  it('asks for scheme and host without the port (Firefox patterns cannot hold one)', () => {
    expect(endpointPermission('http://127.0.0.1:9229/')).toEqual({ ok: true, origin: 'http://127.0.0.1:9229', host: '127.0.0.1', pattern: 'http://127.0.0.1/*', asks: true });
    expect(endpointPermission('https://cognito.example.org/proxy')).toMatchObject({ ok: true, pattern: 'https://cognito.example.org/*' });
  });
  it('refuses plain http to other hosts, other schemes and embedded credentials', () => {
    expect(endpointPermission('http://example.org/')).toEqual({ ok: false, errorKey: 'errorEndpointHttp' });
    expect(endpointPermission('ftp://example.org/')).toEqual({ ok: false, errorKey: 'errorEndpointUrl' });
    expect(endpointPermission('not a url')).toEqual({ ok: false, errorKey: 'errorEndpointUrl' });
    expect(endpointPermission('https://u:p@example.org/')).toEqual({ ok: false, errorKey: 'errorEndpointCredentials' });
  });
});

describe('cognito account form', () => {
  it('builds an add-account input the background schema accepts', () => {
    const result = cognitoInputFromForm(cognito);
    expect(result).toEqual({ ok: true, value: {
      kind: 'cognito', label: 'alice (eu-west-1_AbC123)', userPoolId: 'eu-west-1_AbC123', clientId: '4a5b6c7d8e9f',
      username: 'alice', password: ' pass with spaces ', policy: { autoAnswer: false, rememberDevice: true },
    } });
    if (result.ok) expect(v.safeParse(AccountInputSchema, result.value).success).toBe(true);
  });
  it('keeps optional fields when given', () => {
    const result = cognitoInputFromForm({ ...cognito, label: 'Prod', clientSecret: 's3cr3t0123456789abcdefghij', endpoint: 'http://127.0.0.1:9229/', userPoolId: 'local_pool1', totpSecret: 'JBSWY3DPEHPK3PXP' });
    expect(result.ok && result.value).toMatchObject({ label: 'Prod', clientSecret: 's3cr3t0123456789abcdefghij', endpoint: 'http://127.0.0.1:9229/', totpSecret: 'JBSWY3DPEHPK3PXP' });
    if (result.ok) expect(v.safeParse(AccountInputSchema, result.value).success).toBe(true);
  });
  it('names every wrong field', () => {
    expect(cognitoInputFromForm({ ...cognito, userPoolId: 'x', clientId: 'a b', username: '', endpoint: 'http://example.org' }))
      .toEqual({ ok: false, errors: { userPoolId: 'errorUserPoolIdFormat', clientId: 'errorClientIdFormat', username: 'errorRequired', endpoint: 'errorEndpointHttp' } });
  });
  it('on edit, keeps stored secrets unless a new one is typed or "forget" is ticked', () => {
    const edit: CognitoEditValues = { ...cognito, label: 'Prod', forgetClientSecret: false, forgetPassword: false, forgetTotpSecret: true, password: '' };
    const result = cognitoPatchFromForm(edit, { policy: { autoAnswer: true, rememberDevice: true } });
    expect(result).toEqual({ ok: true, value: { label: 'Prod', username: 'alice', policy: { autoAnswer: false, rememberDevice: true }, totpSecret: null } });
    if (result.ok) expect(v.safeParse(AccountPatchSchema, result.value).success).toBe(true);
  });
  it('on edit, clears the endpoint with null and only sends it when it changed', () => {
    const edit: CognitoEditValues = { ...cognito, label: 'Prod', forgetClientSecret: false, forgetPassword: false, forgetTotpSecret: false };
    const cleared = cognitoPatchFromForm(edit, { endpoint: 'http://127.0.0.1:1/', policy: { autoAnswer: true, rememberDevice: true } });
    expect(cleared.ok && cleared.value.endpoint).toBeNull();
    const same = cognitoPatchFromForm({ ...edit, endpoint: 'http://127.0.0.1:1/' }, { endpoint: 'http://127.0.0.1:1/', policy: { autoAnswer: true, rememberDevice: true } });
    expect(same.ok && 'endpoint' in same.value).toBe(false);
  });
});

describe('plain OTP form', () => {
  const base = { type: 'totp' as const, label: ' Mail ', issuer: '', secret: 'jbsw y3dp ehpk 3pxp', algorithm: 'SHA1', digits: '6', period: '30', counter: '0' };
  it('normalises the secret and builds a TOTP input the schema accepts', () => {
    const result = otpInputFromForm(base);
    expect(result).toEqual({ ok: true, value: { kind: 'totp', label: 'Mail', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 } });
    if (result.ok) expect(v.safeParse(AccountInputSchema, result.value).success).toBe(true);
  });
  it('builds HOTP with its counter', () => {
    const result = otpInputFromForm({ ...base, type: 'hotp', counter: '42', issuer: 'Acme' });
    expect(result.ok && result.value).toMatchObject({ kind: 'hotp', counter: 42, issuer: 'Acme' });
  });
  it('rejects non-base32 secrets and out-of-range numbers', () => {
    expect(otpInputFromForm({ ...base, secret: 'JBSW1890', digits: '9', period: '0' }))
      .toEqual({ ok: false, errors: { secret: 'errorBase32', digits: 'errorDigits', period: 'errorPeriod' } });
  });
  it('takes an optional clock correction in whole seconds within the bound, for TOTP only', () => {
    expect(otpInputFromForm({ ...base, clockOffset: ' -45 ' })).toMatchObject({ ok: true, value: { clockOffsetSeconds: -45 } });
    const none = otpInputFromForm({ ...base, clockOffset: '0' });
    expect(none.ok && 'clockOffsetSeconds' in none.value).toBe(false);
    for (const bad of ['901', '-901', '1.5', '10s', '1e3']) {
      expect(otpInputFromForm({ ...base, clockOffset: bad })).toEqual({ ok: false, errors: { clockOffset: 'errorClockOffset' } });
    }
    expect(clockOffsetFromForm('\u2212900')).toEqual({ ok: true, seconds: -900 });
    expect(clockOffsetFromForm('')).toEqual({ ok: true, seconds: undefined });
    const withOffset = otpInputFromForm({ ...base, clockOffset: '900' });
    if (withOffset.ok) expect(v.safeParse(AccountInputSchema, withOffset.value).success).toBe(true);
    // An HOTP account has no clock: the field is ignored.
    expect(otpInputFromForm({ ...base, type: 'hotp', clockOffset: 'junk' }).ok).toBe(true);
  });
});

describe('import text', () => {
  // Which format a text is, and its lines one by one: the background's pipeline (test/background/import-pipeline.test.ts).
  it('knows when an Aegis export is encrypted', () => {
    const encrypted = '{"version":1,"header":{"slots":[]},"db":"base64…"}';
    expect(isEncryptedAegis(encrypted)).toBe(true);
    expect(isEncryptedAegis('{"header":{},"db":{"entries":[]}}')).toBe(false);
  });
  it('names backups by date', () => {
    expect(backupFileName(new Date('2026-11-22T23:59:00Z'))).toBe('cognito-authenticator-backup-2026-11-22.json');
  });
});

describe('prompt answers', () => {
  const valid = (check: { ok: boolean; answer?: unknown }) => check.ok && v.safeParse(PromptAnswerSchema, check.answer).success;
  it('accepts TOTP codes typed with spaces or a dash, and only six digits', () => {
    expect(totpCodeAnswer(' 123 456 ')).toEqual({ ok: true, answer: { kind: 'totp-code', code: '123456' } });
    expect(totpCodeAnswer('123-456').ok).toBe(true);
    expect(totpCodeAnswer('12345')).toEqual({ ok: false, field: 'code', errorKey: 'errorTotpCodeFormat' });
    expect(totpCodeAnswer('12345a')).toMatchObject({ ok: false });
    expect(valid(totpCodeAnswer('123456'))).toBe(true);
  });
  it('accepts delivered codes of 4 to 10 digits', () => {
    expect(deliveredCodeAnswer('email-code', '12345678')).toEqual({ ok: true, answer: { kind: 'email-code', code: '12345678' } });
    expect(deliveredCodeAnswer('sms-code', '123')).toMatchObject({ ok: false, errorKey: 'errorDeliveredCodeFormat' });
  });
  it('checks the new password confirmation and every required attribute', () => {
    expect(newPasswordAnswer('N3w!pass', 'N3w!pas', [], {})).toEqual({ ok: false, field: 'confirm', errorKey: 'errorPasswordsDiffer' });
    expect(newPasswordAnswer('N3w!pass', 'N3w!pass', ['email', 'name'], { email: ' a@b.test ', name: '  ' }))
      .toEqual({ ok: false, field: 'attr:name', errorKey: 'errorRequired' });
    const ok = newPasswordAnswer('N3w!pass', 'N3w!pass', ['email'], { email: ' a@b.test ' });
    expect(ok).toEqual({ ok: true, answer: { kind: 'new-password', newPassword: 'N3w!pass', attributes: { email: 'a@b.test' } } });
    expect(valid(ok)).toBe(true);
    expect(newPasswordAnswer('N3w!pass', 'N3w!pass', [], {})).toEqual({ ok: true, answer: { kind: 'new-password', newPassword: 'N3w!pass' } });
  });
  it('only offers choices the server listed, and sends a password only for password challenges', () => {
    expect(selectChallengeAnswer(['PASSWORD_SRP', 'EMAIL_OTP'], 'PASSWORD_SRP', 'pw')).toEqual({ ok: true, answer: { kind: 'select-challenge', choice: 'PASSWORD_SRP', password: 'pw' } });
    expect(selectChallengeAnswer(['PASSWORD_SRP', 'EMAIL_OTP'], 'EMAIL_OTP', 'pw')).toEqual({ ok: true, answer: { kind: 'select-challenge', choice: 'EMAIL_OTP' } });
    expect(selectChallengeAnswer(['EMAIL_OTP'], 'WEB_AUTHN', '')).toMatchObject({ ok: false, errorKey: 'errorChooseOne' });
    expect(selectMfaTypeAnswer(['SMS_MFA', 'SOFTWARE_TOKEN_MFA'], 'SOFTWARE_TOKEN_MFA')).toEqual({ ok: true, answer: { kind: 'select-mfa-type', choice: 'SOFTWARE_TOKEN_MFA' } });
    expect(selectMfaTypeAnswer(['SMS_MFA'], undefined)).toMatchObject({ ok: false });
  });
  it('keeps a custom answer verbatim apart from outer spaces', () => {
    expect(customChallengeAnswer('  blue  whale ')).toEqual({ ok: true, answer: { kind: 'custom-challenge', answer: 'blue  whale' } });
    expect(customChallengeAnswer('   ')).toMatchObject({ ok: false, errorKey: 'errorRequired' });
  });
});
