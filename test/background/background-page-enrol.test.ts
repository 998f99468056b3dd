// Enrolment from a page (issue 9 item 4) in the background: `enrol-from-page` adds the account of
// the set-up QR's otpauth text through the import rules, binds it to the tab's origin, and fills
// the verification code through code fill (the step is then used). Driven through the real router
// and vault, with the recording tabs double of background-code-fill.test.ts (the real popup, page
// and content script are driven in test/e2e/page-enrol.test.ts).
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/background/context';
import { handleMessage } from '../../src/background/router';
import type { ContentCommand } from '../../src/shared/code-fill-messages';
import { totpCode } from '../../src/otp/totp';
import { allowAllPermissions, memoryStores, POPUP, RecordingAlarms, SELF } from './background-helpers';

const APP = 'http://127.0.0.1:5173';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const SETUP_URI = `otpauth://totp/AWSCognito:alice?secret=${SECRET}&issuer=AWSCognito`;

function worker(now: () => number = Date.now, tabUrl = `${APP}/`) {
  const sent: { tabId: number; frameId: number; message: ContentCommand }[] = [];
  const ctx = createContext({
    stores: memoryStores(), alarms: new RecordingAlarms(), permissions: allowAllPermissions, extensionId: SELF.id, now,
    tabs: {
      get: async () => ({ url: tabUrl }),
      sendMessage: async (tabId, message, { frameId }) => {
        sent.push({ tabId, frameId, message });
        return message.type === 'fill-code' ? { filled: true, submitted: message.submit } : { filled: false, reason: 'no-field' };
      },
    },
  });
  const send = (msg: unknown) => handleMessage(msg, POPUP, SELF, ctx) as Promise<any>;
  return { send, sent };
}

describe('enrolment from a page', () => {
  it('adds the set-up QR\'s account, binds it to the origin, fills its current code and uses that step', async () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 5);
    const w = worker(() => now);
    expect(await w.send({ type: 'setup-vault', password: 'page enrol vault password' })).toEqual({ ok: true });
    const answer = await w.send({ type: 'enrol-from-page', tabId: 7, origin: APP, data: SETUP_URI });
    expect(answer).toMatchObject({ ok: true, label: 'alice', result: { status: 'filled' } });
    expect(w.sent).toEqual([{ tabId: 7, frameId: 0, message: { type: 'fill-code', code: totpCode(SECRET, {}, now), submit: false, target: 'found' } }]);
    const { accounts } = await w.send({ type: 'accounts-for-origin', origin: APP });
    expect(accounts).toMatchObject([{ id: answer.accountId, kind: 'totp', label: 'alice', issuer: 'AWSCognito' }]);
    // The step is used: a fill in the same step waits for the next one.
    expect((await w.send({ type: 'fill-code', tabId: 7, accountId: answer.accountId })).result).toMatchObject({ status: 'waiting' });
    // Enrolling the same QR again binds the account held, and adds no copy.
    const again = await w.send({ type: 'enrol-from-page', tabId: 7, origin: APP, data: SETUP_URI });
    expect(again.accountId).toBe(answer.accountId);
    expect((await w.send({ type: 'list-accounts' })).accounts).toHaveLength(1);
  });

  it.each([
    ['two accounts', `${SETUP_URI}\notpauth://totp/B?secret=KRSXG5CTMVRXEZLUKRSXG5CT`],
    ['an HOTP account', `otpauth://hotp/A?secret=${SECRET}&counter=1`],
    ['a secret that breaks the rules', 'otpauth://totp/A?secret=AB'],
    ['no otpauth link', 'https://example.com/'],
  ])('refuses %s and adds nothing', async (_name, data) => {
    const w = worker();
    await w.send({ type: 'setup-vault', password: 'page enrol vault password' });
    expect(await w.send({ type: 'enrol-from-page', tabId: 7, origin: APP, data })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect((await w.send({ type: 'list-accounts' })).accounts).toEqual([]);
    expect(w.sent).toEqual([]);
  });

  it('a tab that left the origin meanwhile gets no code (the account stays bound where the person confirmed)', async () => {
    const w = worker(Date.now, 'http://127.0.0.2:5173/');
    await w.send({ type: 'setup-vault', password: 'page enrol vault password' });
    const answer = await w.send({ type: 'enrol-from-page', tabId: 7, origin: APP, data: SETUP_URI });
    expect(answer).toMatchObject({ ok: true, result: { status: 'no-account' } });
    expect(w.sent).toEqual([]);
  });
});
