/**
 * Work an event starts is finished, however long the event page stays idle meanwhile (Firefox ESR,
 * the packaged xpi). Firefox suspends an event page once it has had no event for its idle timeout,
 * whatever the last event started, unless a listener's returned promise is still pending
 * (src/background/event-work.ts). Here the refresh alarm fires and the local pool holds the
 * answer to GetTokensFromRefreshToken for longer than that timeout, with no page talking to the
 * background meanwhile: the event page must still be running when the answer comes, and the new
 * tokens must be stored. Before every listener returned its work, Firefox stopped the page at
 * the timeout and the refreshed tokens were lost; so was any slow listener's work (a sign-in
 * record, a code fill).
 *
 * The same holds for a page's request: Firefox cuts off a message whose answer takes longer than
 * the idle timeout ("Receiving end does not exist"), so a page says "still waiting" every second
 * (`keep-alive`, src/ui/ask-background.ts). Here the popup's Sign out waits on a held RevokeToken
 * past the timeout and must end signed out, with no error.
 *
 * Firefox only: Chromium keeps a service worker running for an event and the API calls it makes,
 * so there the same hold proves nothing.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_ALARM_PREFIX } from '../../src/background/agent/refresh-scheduler';
import {
  cleanUp, firefoxUnderTest, launchFirefox, LOCAL_POOL_HOST_PATTERN, OPTIONS_PATH,
  type ExtensionUnderTest, type ExtPage, type FirefoxSession,
} from '../../browser-harness/launch';
import { addCognitoAccount, openPopup, setUpVault, startSignIn, waitForFlow } from '../../browser-harness/steps';
import { fireAlarmNow, sendToBackground } from '../../browser-harness/extension-api';
import { until } from '../../browser-harness/until';
import { startRefereePool, type LocalPool } from '../referees/helpers/local-pool';
import { setUpPool, type RefereePool } from '../referees/helpers/setup';

/**
 * Long enough that "idle" cannot come from a slow machine's gaps elsewhere in the test. Firefox
 * gives a pending listener one more idle period at most (measured here: stopped at 2× the
 * timeout), so the held answer is let go between one and two idle periods after the alarm.
 */
const IDLE_TIMEOUT_MS = 6000;
const RELEASE_AFTER_MS = IDLE_TIMEOUT_MS + 1500;

describe('Firefox: a refresh that outlasts the event page\'s idle timeout still stores its tokens', () => {
  let server: LocalPool;
  let pool: RefereePool;
  let session: FirefoxSession;
  let ext: ExtensionUnderTest;
  let options: ExtPage | undefined;
  let accountId = '';

  beforeAll(async () => {
    server = await startRefereePool();
    pool = await setUpPool(server.endpoint, { poolName: 'event-page-work', mfa: 'OPTIONAL', users: [{ username: 'slow', kind: 'ready' }] });
    session = await launchFirefox({ idleTimeoutMs: IDLE_TIMEOUT_MS, grantOptionalPermissions: true });
    ext = firefoxUnderTest(session);
    await ext.preApproveHostPermission(LOCAL_POOL_HOST_PATTERN);
    await setUpVault(ext, `vault-${randomBytes(6).toString('hex')}`);
  }, 120_000);
  afterAll(() => cleanUp([() => options?.close(), () => ext?.close(), () => server?.close()]));

  it('the event page runs until the held answer comes, and the new expiry is stored', async () => {
    const user = pool.users.slow!;
    const id = accountId = await addCognitoAccount(ext, { label: 'Slow refresh', pool, username: user.username, password: user.password, policy: 'auto', rememberDevice: false });
    const popup = await openPopup(ext);
    await startSignIn(popup, id);
    await waitForFlow(popup, ['signed-in']);
    await popup.close();
    options = await ext.openPage(OPTIONS_PATH);
    const expiryOf = async () => (await sendToBackground(options!, { type: 'list-accounts' })).accounts
      .find((a: { id: string }) => a.id === id).tokensExpireAt as number;
    const before = await expiryOf();

    const match = { operation: 'GetTokensFromRefreshToken' };
    server.holds.arm(match);
    const firedAt = Date.now();
    // From the options page through the alarms API: no message reaches the background until the end.
    await fireAlarmNow(options, REFRESH_ALARM_PREFIX + id);
    await server.holds.whenHeld(match);
    await new Promise((resolve) => setTimeout(resolve, firedAt + RELEASE_AFTER_MS - Date.now()));
    // Past the idle timeout with only the alarm's work pending: Firefox has not suspended the page.
    expect(await session.backgroundState()).toBe('running');
    expect(server.holds.releaseAll()).toBe(1);

    await until('the refreshed expiry to be stored', async () => (await expiryOf()) > before, 15_000);
    const listed = (await sendToBackground(options, { type: 'list-accounts' })).accounts.find((a: { id: string }) => a.id === id);
    expect(listed.refreshError).toBeUndefined();
    await options.close();
    options = undefined;
  });

  it('a page\'s request answered after the idle timeout (Sign out, RevokeToken held) is answered, not cut off', async () => {
    const popup = await openPopup(ext);
    const row = `[data-testid=account-row][data-account-id="${accountId}"]`;
    await popup.waitFor(`${row} [data-testid=session-status][data-session=active]`);
    const match = { operation: 'RevokeToken' };
    server.holds.arm(match);
    await popup.click(`${row} [data-testid=row-menu]`);
    await popup.waitFor(`${row} [role=menu]:not([hidden]) [data-testid=sign-out]`);
    const askedAt = Date.now();
    await popup.click(`${row} [data-testid=sign-out]`);
    await server.holds.whenHeld(match);
    await new Promise((resolve) => setTimeout(resolve, askedAt + RELEASE_AFTER_MS - Date.now()));
    // Nothing but the popup's own keep-alive messages has reached the background meanwhile.
    expect(await session.backgroundState()).toBe('running');
    expect(server.holds.releaseAll()).toBe(1);
    await popup.waitFor(`${row} [data-testid=session-status][data-session=none]`);
    expect(await popup.count(`.error[role=alert]:not([hidden])`), "no error shown").toBe(0);
    await popup.close();
  });
});
