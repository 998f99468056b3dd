import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/shared/messages';

const cognito = {
  kind: 'cognito', label: 'Work', userPoolId: 'eu-west-1_AbC123', clientId: 'abc123', username: 'alice',
  policy: { autoAnswer: true, rememberDevice: false },
};

describe('message schema', () => {
  it.each([
    { type: 'status' },
    { type: 'unlock', password: 'pw' },
    { type: 'add-account', account: cognito },
    { type: 'add-account', account: { ...cognito, endpoint: 'http://127.0.0.1:9229/', password: 'x', totpSecret: 'JBSWY3DPEHPK3PXP' } },
    { type: 'add-account', account: { kind: 'totp', label: 'GH', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA256', digits: 8, period: 60 } },
    { type: 'update-account', id: 'abc_-1', patch: { password: null, label: 'New' } },
    { type: 'import', format: 'aegis', data: '{}' },
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
    [{ type: 'status', extra: 1 }, 'extra'],
    [{ type: 'add-account', account: { ...cognito, userPoolId: 'nope' } }, 'account.userPoolId'],
    [{ type: 'add-account', account: { ...cognito, endpoint: 'javascript:alert(1)' } }, 'account.endpoint'],
    [{ type: 'add-account', account: { kind: 'totp', label: 'x', secret: 'A', algorithm: 'MD5', digits: 6, period: 30 } }, 'account.algorithm'],
    [{ type: 'add-account', account: { kind: 'hotp', label: 'x', secret: 'A', algorithm: 'SHA1', digits: 9, counter: 0 } }, 'account.digits'],
    [{ type: 'sign-in', accountId: '../etc' }, 'accountId'],
    [{ type: 'set-settings', settings: { autoLockMinutes: -1 } }, 'settings.autoLockMinutes'],
    [{ type: 'flow-answer', flowId: 'f', answer: { kind: 'bogus' } }, 'answer.kind'],
    [{ type: 'import', format: 'csv', data: 'x' }, 'format'],
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
