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
  return { send, sent, ctx };
}

/** A page's own request to a regional Cognito host, as webRequest.onBeforeRequest gives it (Chrome's shape). */
const REGIONAL = 'https://cognito-idp.eu-west-1.amazonaws.com';
function pageRequest(body: unknown, tabId = 7) {
  const bytes = new TextEncoder().encode(JSON.stringify(body)).buffer;
  return { tabId, method: 'POST', url: `${REGIONAL}/`, initiator: APP, requestBody: { raw: [{ bytes }] } };
}
const initiate = (login: string) => ({ AuthFlow: 'USER_SRP_AUTH', ClientId: 'appclient1', AuthParameters: { USERNAME: login, SRP_A: 'ab'.repeat(50) } });
const verifier = (user: string) => ({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: 'appclient1', Session: 's'.repeat(30), ChallengeResponses: { USERNAME: user, PASSWORD_CLAIM_SIGNATURE: 'c2ln', TIMESTAMP: 't' } });
const OTHER_SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CT';

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

  describe('on a page whose sign-in the extension saw (observation on for the site)', () => {
    /** A vault with another TOTP account already bound to the app with observation on, and the tab's sign-in seen as `login` → `user`. */
    async function seenSigningIn(now: { t: number }, login: string, user: string) {
      const w = worker(() => now.t);
      await w.send({ type: 'setup-vault', password: 'page enrol vault password' });
      const other = await w.send({ type: 'add-account', account: { kind: 'totp', label: 'bob', secret: OTHER_SECRET, algorithm: 'SHA1', digits: 6, period: 30 } });
      expect(await w.send({ type: 'bind-site', accountId: other.id, origin: APP, flags: { observeSignIn: true } })).toMatchObject({ ok: true });
      expect(await w.ctx.pageWatch.observer.onBeforeRequest(pageRequest(initiate(login)))).toMatchObject({ loginId: login });
      await w.ctx.pageWatch.observer.onBeforeRequest(pageRequest(verifier(user)));
      return { w, otherId: other.id as string };
    }

    it('the enrolled account keeps the Cognito user seen (endpoint, app client, canonical username) and is bound with observation on', async () => {
      const now = { t: Date.UTC(2026, 0, 1, 12, 0, 5) };
      const { w } = await seenSigningIn(now, 'Alice@example.com', 'alice-sub');
      const answer = await w.send({ type: 'enrol-from-page', tabId: 7, origin: APP, data: SETUP_URI });
      expect(answer).toMatchObject({ ok: true, result: { status: 'filled' } });
      const { accounts } = await w.send({ type: 'accounts-for-origin', origin: APP });
      expect(accounts.find((a: { id: string }) => a.id === answer.accountId)).toMatchObject({
        kind: 'totp', cognito: { endpoint: REGIONAL, clientId: 'appclient1', username: 'alice-sub' },
        sites: [{ origin: APP, observeSignIn: true, submitAfterFill: false }],
      });
      // What the popup's This tab panel asks: the tab's sign-in now names the enrolled account.
      expect(await w.send({ type: 'tab-sign-in', tab: { id: 7 } })).toMatchObject({ accountIds: [answer.accountId] });
    });

    it('the next sign-in picks the enrolled account among the site\'s two, exactly, and fills its code without asking', async () => {
      const now = { t: Date.UTC(2026, 0, 1, 12, 0, 5) };
      const { w, otherId } = await seenSigningIn(now, 'alice', 'alice-sub');
      const answer = await w.send({ type: 'enrol-from-page', tabId: 7, origin: APP, data: SETUP_URI });
      // A later visit, in another tab and time step: the page signs in as alice again.
      now.t += 60_000;
      await w.ctx.pageWatch.observer.onBeforeRequest(pageRequest(initiate('alice'), 9));
      await w.ctx.pageWatch.observer.onBeforeRequest(pageRequest(verifier('alice-sub'), 9));
      w.sent.length = 0;
      expect((await w.send({ type: 'fill-code', tabId: 9 })).result).toEqual({ status: 'filled' });
      expect(w.sent).toEqual([{ tabId: 9, frameId: 0, message: { type: 'fill-code', code: totpCode(SECRET, {}, now.t), submit: false, target: 'found' } }]);
      // A sign-in as bob names no account (bob is no Cognito user the extension knows), but it
      // rules alice's enrolled account out: the site's other account is the one left, and filled.
      w.sent.length = 0;
      await w.ctx.pageWatch.observer.onBeforeRequest(pageRequest(initiate('bob'), 11));
      expect((await w.send({ type: 'fill-code', tabId: 11 })).result).toEqual({ status: 'filled' });
      expect(w.sent).toEqual([{ tabId: 11, frameId: 0, message: { type: 'fill-code', code: totpCode(OTHER_SECRET, {}, now.t), submit: false, target: 'found' } }]);
      expect(otherId).not.toBe(answer.accountId);
    });

    it('a tab whose sign-in the extension did not see links nothing', async () => {
      const now = { t: Date.UTC(2026, 0, 1, 12, 0, 5) };
      const { w } = await seenSigningIn(now, 'alice', 'alice-sub');
      const answer = await w.send({ type: 'enrol-from-page', tabId: 8, origin: APP, data: SETUP_URI });
      const { accounts } = await w.send({ type: 'accounts-for-origin', origin: APP });
      const enrolled = accounts.find((a: { id: string }) => a.id === answer.accountId);
      expect(enrolled.cognito).toBeUndefined();
      expect(enrolled.sites).toEqual([{ origin: APP, observeSignIn: false, submitAfterFill: false }]);
    });
  });
});
