import { describe, expect, it } from 'vitest';
import {
  customChallengeAnswer, deliveredCodeAnswer, newPasswordAnswer, selectChallengeAnswer, selectMfaTypeAnswer, totpCodeAnswer,
} from '../../src/popup/prompt-answers';
import { KNOWN_EXCEPTIONS } from '../../src/cognito/errors';
import { ERROR_CODES } from '../../src/shared/error-codes';
import { parseRequest, PROMPT_KINDS } from '../../src/shared/requests';

const cognito = {
  kind: 'cognito', label: 'Work', userPoolId: 'eu-west-1_AbC123', clientId: 'abc123', username: 'alice',
  policy: { autoAnswer: true, rememberDevice: false },
};

describe('message schema', () => {
  it.each([
    { type: 'status' },
    { type: 'unlock', password: 'pw' },
    { type: 'change-vault-password', currentPassword: 'old', newPassword: 'new password' },
    { type: 'add-account', account: cognito },
    { type: 'add-account', account: { ...cognito, endpoint: 'http://127.0.0.1:9229/', password: 'x', totpSecret: 'JBSWY3DPEHPK3PXP' } },
    { type: 'add-account', account: { ...cognito, endpoint: 'https://proxy.example/pool/@v1?x=a@b' } },
    { type: 'add-account', account: { kind: 'totp', label: 'GH', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA256', digits: 8, period: 60 } },
    { type: 'update-account', id: 'abc_-1', patch: { password: null, label: 'New' } },
    { type: 'import', data: '{}' },
    { type: 'flow-answer', flowId: 'f1', answer: { kind: 'approve', approve: true } },
    { type: 'set-settings', settings: { autoLockMinutes: 5 } },
    { type: 'forget-device', accountId: 'a', deviceKey: 'eu-west-1_abc' },
  ])('accepts %j', (msg) => {
    expect(parseRequest(msg)).toMatchObject({ ok: true, request: msg });
  });

  it.each([
    [null, '(message)'],
    [{ type: 'nope' }, 'type'],
    [{ type: 'unlock' }, 'password'],
    [{ type: 'unlock', password: '' }, 'password'],
    [{ type: 'change-vault-password', currentPassword: 'old' }, 'newPassword'],
    [{ type: 'change-vault-password', currentPassword: '', newPassword: 'new password' }, 'currentPassword'],
    [{ type: 'change-vault-password', password: 'old', newPassword: 'new password' }, 'currentPassword'],
    [{ type: 'status', extra: 1 }, 'extra'],
    [{ type: 'add-account', account: { ...cognito, userPoolId: 'nope' } }, 'account.userPoolId'],
    [{ type: 'add-account', account: { ...cognito, endpoint: 'javascript:alert(1)' } }, 'account.endpoint'],
    [{ type: 'add-account', account: { ...cognito, endpoint: 'https://cognito-idp.us-east-1.amazonaws.com@evil.example/' } }, 'account.endpoint'],
    [{ type: 'add-account', account: { ...cognito, endpoint: 'https://user:pw@proxy.example/' } }, 'account.endpoint'],
    [{ type: 'add-account', account: { ...cognito, endpoint: 'https://@proxy.example/' } }, 'account.endpoint'],
    [{ type: 'update-account', id: 'abc', patch: { endpoint: 'http://a@127.0.0.1:9229/' } }, 'patch.endpoint'],
    [{ type: 'add-account', account: { kind: 'totp', label: 'x', secret: 'A', algorithm: 'MD5', digits: 6, period: 30 } }, 'account.algorithm'],
    [{ type: 'add-account', account: { kind: 'hotp', label: 'x', secret: 'A', algorithm: 'SHA1', digits: 9, counter: 0 } }, 'account.digits'],
    [{ type: 'sign-in', accountId: '../etc' }, 'accountId'],
    [{ type: 'set-settings', settings: { autoLockMinutes: -1 } }, 'settings.autoLockMinutes'],
    [{ type: 'flow-answer', flowId: 'f', answer: { kind: 'bogus' } }, 'answer.kind'],
    [{ type: 'import', format: 'csv', data: 'x' }, 'format'], // the background detects the format: no field for it
  ])('rejects %j at %s', (msg, path) => {
    const r = parseRequest(msg);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-request');
      expect(r.error.message).toContain(`at ${path}`);
    }
  });

  it('never echoes a value in the error (a password sent in the wrong place stays out)', () => {
    const r = parseRequest({ type: 'unlock', password: 'hunter2hunter2', oops: 'hunter2hunter2' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).not.toContain('hunter2');
    const r2 = parseRequest({ type: 'add-account', account: { ...cognito, clientSecret: 42, password: 'hunter2' } });
    if (!r2.ok) expect(r2.error.message).not.toContain('hunter2');
  });
});

describe('prompt answers are strict objects, one per kind', () => {
  // What the popup's prompt forms send, built by its own pure builders (src/popup/prompt-answers.ts)
  // or, for the button-only forms (approve, mfa-setup, password), the literal they send.
  const ok = <T>(check: { ok: true; answer: T } | { ok: false }): T => {
    if (!check.ok) throw new Error('the builder refused a valid input');
    return check.answer;
  };
  const sentByTheUi = [
    { kind: 'approve', approve: true },
    { kind: 'approve', approve: false },
    { kind: 'mfa-setup', approve: true },
    { kind: 'mfa-setup', approve: true, email: 'person@example.com' },
    { kind: 'password', password: 'typed password' },
    ok(totpCodeAnswer('123 456')),
    ok(deliveredCodeAnswer('sms-code', '12345678')),
    ok(deliveredCodeAnswer('email-code', '123456')),
    ok(newPasswordAnswer('N3w-password!', 'N3w-password!', [], {})),
    ok(newPasswordAnswer('N3w-password!', 'N3w-password!', ['email', 'name'], { email: 'a@example.com', name: 'Alice' })),
    ok(customChallengeAnswer(' the answer ')),
    ok(selectChallengeAnswer(['PASSWORD_SRP', 'EMAIL_OTP'], 'PASSWORD_SRP', 'typed password')),
    ok(selectChallengeAnswer(['PASSWORD_SRP', 'EMAIL_OTP'], 'EMAIL_OTP', '')),
    ok(selectMfaTypeAnswer(['SOFTWARE_TOKEN_MFA', 'SMS_MFA'], 'SOFTWARE_TOKEN_MFA')),
  ];

  it.each(sentByTheUi)('accepts what the popup sends: %j', (answer) => {
    expect(parseRequest({ type: 'flow-answer', flowId: 'f1', answer })).toMatchObject({ ok: true, request: { answer } });
  });

  it('every prompt kind has a case above', () => {
    expect(new Set(sentByTheUi.map((a) => a.kind))).toEqual(new Set(PROMPT_KINDS));
  });

  it.each([
    [{ kind: 'approve', approve: true, password: 'hunter2hunter2' }, 'answer.password'],
    [{ kind: 'totp-code', code: '123456', approve: true }, 'answer.approve'],
    [{ kind: 'password', password: 'x', newPassword: 'y' }, 'answer.newPassword'],
    [{ kind: 'select-mfa-type', choice: 'SMS_MFA', extra: 1 }, 'answer.extra'],
    [{ kind: 'approve' }, 'answer.approve'],
    [{ kind: 'totp-code', code: '' }, 'answer.code'],
    [{ kind: 'custom-challenge', answer: '' }, 'answer.answer'],
  ])('rejects %j at %s', (answer, path) => {
    const r = parseRequest({ type: 'flow-answer', flowId: 'f1', answer });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining(`at ${path}`) } });
    if (!r.ok) expect(r.error.message).not.toContain('hunter2');
  });

  it('the tab QR scan is no longer a message (the popup decodes it), nor is a qr-image import', () => {
    expect(parseRequest({ type: 'scan-tab-qr' })).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('at type') } });
    expect(parseRequest({ type: 'import', format: 'qr-image', data: 'data:image/png;base64,AAAA' })).toMatchObject({ ok: false });
  });
});

describe('error codes', () => {
  it('the extension\'s codes are lower-case words, each meaning one thing, and never mistaken for a Cognito exception code', () => {
    const ours = [...ERROR_CODES];
    expect(ours.filter((code) => !/^[a-z]+(-[a-z]+)*$/.test(code))).toEqual([]);
    expect(new Set(ours).size).toBe(ours.length);
    // Cognito's exception names are PascalCase ('NotAuthorizedException'): they travel as `exception`, never as a code.
    expect(KNOWN_EXCEPTIONS.filter((code) => !/^[A-Z]/.test(code))).toEqual([]);
    expect(KNOWN_EXCEPTIONS.filter((code) => ours.includes(code as never))).toEqual([]);
  });

  it('the catch-all and the retired QR-scan codes are gone', () => {
    expect([...ERROR_CODES]).not.toEqual(expect.arrayContaining(['cognito']));
    expect([...ERROR_CODES]).not.toEqual(expect.arrayContaining(['qr-not-found']));
  });
});
