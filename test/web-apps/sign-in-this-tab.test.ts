// "Sign in this tab"'s storage format (src/background/page-session/library-storage.ts) proven
// against the real packages, in Chromium and Firefox ESR: tokens the extension would hold are planned for the page's library,
// written into the running app's page with writePageSession, and after a reload the app shows the
// user signed in and its own authenticated call works, with no refresh. The page's clock runs two
// hours ahead of the pool's, so the apps accept the tokens only if clockDrift has the library's
// unit and sign; a page with stale state (another user, this user's old device keys, a sign-in in
// progress) is cleaned, and no device key is ever written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminInitiateAuthCommand, AdminRespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient } from '../referees/helpers/setup';
import { totpCode } from '../referees/helpers/totp';
import {
  DEVICE_KEYS, planPageSession, probePageStorage, rewritePageTokens, writePageSession, type HandoffTokens, type PageLibrary, type PageSessionPlan,
} from '../../src/background/page-session/library-storage';
import { BROWSERS, launchBrowser, type AppPage, type TestBrowser } from './browsers';
import { expectShowsSignedIn, sessionKeysOf, startWebAppsFixture, storageOf, type WebAppsFixture } from './support';

const USER = 'tab-user';
const PAGE_CLOCK_AHEAD_MS = 2 * 60 * 60_000;
const APP: Record<PageLibrary, 'amplify' | 'identity-js'> = { 'amplify-v6': 'amplify', 'identity-js': 'identity-js' };

let fx: WebAppsFixture;
let tokens: Required<HandoffTokens>;

beforeAll(async () => {
  fx = await startWebAppsFixture('tab', { totp: [USER] });
  // The tokens the extension would hold after its own sign-in (password, then TOTP).
  const { username, password, totpSecret } = fx.user(USER);
  const sdk = cognitoClient(fx.pool.endpoint, fx.pool.region);
  try {
    const first = await sdk.send(new AdminInitiateAuthCommand({
      UserPoolId: fx.pool.userPoolId, ClientId: fx.pool.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }));
    expect(first.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await sdk.send(new AdminRespondToAuthChallengeCommand({
      UserPoolId: fx.pool.userPoolId, ClientId: fx.pool.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: first.Session,
      ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: totpCode(totpSecret, Date.now()) },
    }));
    const result = done.AuthenticationResult!;
    tokens = { accessToken: result.AccessToken!, idToken: result.IdToken!, refreshToken: result.RefreshToken! };
  } finally {
    sdk.destroy();
  }
});
afterAll(async () => fx?.close());

interface Handoff {
  page: AppPage;
  calls: string[];
  plan: PageSessionPlan;
}

/** Opens the app signed out, leaves stale state in it, writes the planned session and reloads. */
async function handOff(browser: TestBrowser, library: PageLibrary, given: HandoffTokens, serverOffset: 'measured' | 'zero' = 'measured'): Promise<Handoff> {
  const page = await browser.newPage({ clockOffsetMs: PAGE_CLOCK_AHEAD_MS });
  await page.goto(fx.apps.url(APP[library], { pool: fx.config }));
  await page.waitVisible('input[name="password"]');
  const prefix = `CognitoIdentityServiceProvider.${fx.pool.clientId}.`;
  await page.evaluate((p: string) => {
    for (const name of ['accessToken', 'idToken', 'refreshToken', 'clockDrift']) localStorage.setItem(`${p}someone-else.${name}`, 'stale');
    localStorage.setItem(`${p}someone-else.deviceKey`, 'us-east-1_kept-for-someone-else');
    localStorage.setItem(`${p}LastAuthUser`, 'someone-else');
    for (const name of ['deviceKey', 'deviceGroupKey', 'randomPasswordKey']) localStorage.setItem(`${p}tab-user.${name}`, 'stale');
    for (const name of ['username', 'challengeName', 'signInSession', 'expiry']) sessionStorage.setItem(`CognitoSignInState.${name}`, 'stale');
  }, prefix);
  const pageNow = await page.evaluate(() => Date.now(), undefined);
  const planned = planPageSession({
    library, clientId: fx.pool.clientId, tokens: given,
    serverOffsetMs: serverOffset === 'measured' ? Date.now() - pageNow : 0,
  });
  if (!planned.ok) throw new Error(`no plan: ${planned.reason}`);
  await page.evaluate(writePageSession, planned.plan);
  fx.calls.clear();
  await page.reload();
  return { page, calls: fx.calls.list, plan: planned.plan };
}

async function expectSignedIn({ page, calls }: Handoff): Promise<void> {
  await page.waitVisible('[data-testid="attributes"]');
  await expectShowsSignedIn(page, calls, USER, tokens.idToken);
  // The handed-off access token was used as it is: nothing was refreshed.
  expect(calls.filter((call) => /Refresh/i.test(call))).toEqual([]);
}

async function expectCleanStorage({ page, plan }: Handoff): Promise<void> {
  const local = await storageOf(page, 'localStorage');
  const keys = sessionKeysOf(local, fx.pool.clientId);
  expect(keys.filter((key) => key.startsWith(`${USER}.`) && (DEVICE_KEYS as readonly string[]).includes(key.slice(USER.length + 1)))).toEqual([]);
  // The other user's session is gone; their device record is theirs and stays.
  expect(keys.filter((key) => key.startsWith('someone-else.'))).toEqual(['someone-else.deviceKey']);
  expect(local[`${plan.prefix}LastAuthUser`]).toBe(USER);
  const session = await storageOf(page, 'sessionStorage');
  expect(Object.keys(session).filter((key) => key.startsWith('CognitoSignInState.'))).toEqual([]);
}

for (const browserName of BROWSERS) {
  describe(`Sign in this tab, in ${browserName}`, () => {
    let browser: TestBrowser;
    beforeAll(async () => { browser = await launchBrowser(browserName); });
    afterAll(async () => browser?.close());

    for (const library of ['amplify-v6', 'identity-js'] as const) {
      describe(library, () => {
        it('with a refresh token: the app shows the user and its authenticated call works after the reload', async () => {
          const handoff = await handOff(browser, library, tokens);
          try {
            await expectSignedIn(handoff);
            await expectCleanStorage(handoff);
            expect(handoff.plan.entries.map(([key]) => key)).toContain(`${USER}.refreshToken`);
          } finally {
            await handoff.page.close();
          }
        });

        it('without a refresh token (device-bound session): the same, and the page holds no refresh token', async () => {
          const handoff = await handOff(browser, library, { accessToken: tokens.accessToken, idToken: tokens.idToken });
          try {
            await expectSignedIn(handoff);
            await expectCleanStorage(handoff);
            const local = await storageOf(handoff.page, 'localStorage');
            expect(Object.keys(local).some((key) => key.endsWith('.refreshToken') && key.includes(`.${USER}.`))).toBe(false);
          } finally {
            await handoff.page.close();
          }
        });

        it("control: with clockDrift 0 on a page two hours ahead, the app sees the tokens expired and stays signed out", async () => {
          const handoff = await handOff(browser, library, { accessToken: tokens.accessToken, idToken: tokens.idToken }, 'zero');
          try {
            // The sign-in form comes back; no authenticated call is made.
            await handoff.page.waitVisible('input[name="password"]');
            await new Promise((resolve) => setTimeout(resolve, 1_000));
            expect(await handoff.page.isVisible('[data-testid="attributes"]')).toBe(false);
            expect(handoff.calls).not.toContain('GetUser->200');
          } finally {
            await handoff.page.close();
          }
        });
      });
    }
  });

  describe(`what the page's storage says, and the refresh rewrite, in ${browserName}`, () => {
    let browser: TestBrowser;
    beforeAll(async () => { browser = await launchBrowser(browserName); });
    afterAll(async () => browser?.close());

    it('a signed-out app tells no library; the libraries\' cookies are refused; Amplify\'s keys and sign-in state tell Amplify', async () => {
      for (const library of ['amplify-v6', 'identity-js'] as const) {
        const page = await browser.newPage();
        try {
          await page.goto(fx.apps.url(APP[library], { pool: fx.config }));
          await page.waitVisible('input[name="password"]');
          expect(await page.evaluate(probePageStorage, fx.pool.clientId)).toEqual({ kind: 'local-storage', library: undefined });
          await page.evaluate(() => sessionStorage.setItem('CognitoSignInState.challengeName', 'SOFTWARE_TOKEN_MFA'), undefined);
          expect(await page.evaluate(probePageStorage, fx.pool.clientId)).toEqual({ kind: 'local-storage', library: 'amplify-v6' });
          await page.evaluate(() => sessionStorage.clear(), undefined);
          const planned = planPageSession({ library: 'amplify-v6', clientId: fx.pool.clientId, tokens });
          if (!planned.ok) throw new Error(planned.reason);
          await page.evaluate(writePageSession, planned.plan);
          expect(await page.evaluate(probePageStorage, fx.pool.clientId)).toEqual({ kind: 'local-storage', library: 'amplify-v6' });
          await page.evaluate((id: string) => { document.cookie = `CognitoIdentityServiceProvider.${id}.LastAuthUser=someone; path=/`; }, fx.pool.clientId);
          expect(await page.evaluate(probePageStorage, fx.pool.clientId)).toEqual({ kind: 'cookies' });
        } finally {
          await page.close();
        }
      }
    });

    it('the rewrite replaces the tokens only while the page still shows that user', async () => {
      const page = await browser.newPage();
      try {
        await page.goto(fx.apps.url('amplify', { pool: fx.config }));
        await page.waitVisible('input[name="password"]');
        const first = planPageSession({ library: 'amplify-v6', clientId: fx.pool.clientId, tokens: { accessToken: tokens.accessToken, idToken: tokens.idToken } });
        if (!first.ok) throw new Error(first.reason);
        await page.evaluate(writePageSession, first.plan);
        const key = `${first.plan.prefix}${USER}.accessToken`;
        // A plan whose entries carry other values: the rewrite is seen by the value changing.
        const marked: PageSessionPlan = { ...first.plan, entries: first.plan.entries.map(([name, value]) => [name, name.endsWith('.accessToken') ? `${value}-rewritten` : value]) };
        expect(await page.evaluate(rewritePageTokens, marked)).toBe(true);
        expect((await storageOf(page, 'localStorage'))[key]).toBe(`${tokens.accessToken}-rewritten`);
        await page.evaluate((k: string) => localStorage.setItem(k, 'someone-else'), `${first.plan.prefix}LastAuthUser`);
        expect(await page.evaluate(rewritePageTokens, first.plan)).toBe(false);
        expect((await storageOf(page, 'localStorage'))[key]).toBe(`${tokens.accessToken}-rewritten`);
      } finally {
        await page.close();
      }
    });
  });
}
