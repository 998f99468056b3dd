// The toolbar badge (src/background/badge.ts), in the packaged extension in real Chromium and
// Firefox ESR against the local user pool, read with action.getBadgeText / getTitle from an
// extension page (the same global badge the background sets):
// - a sign-in with "ask me first" waiting for approval raises it, also after the popup closes,
//   and Deny, Approve on the retry, or a lock (which deletes the waiting flow) clears it;
// - a refresh that fails (the pool revoked the refresh token) raises it with its own title, and
//   the next successful sign-in clears it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_ALARM_PREFIX } from '../../src/background/agent/refresh-scheduler';
import { cleanUp, launchExtension, LOCAL_POOL_HOST_PATTERN, OPTIONS_PATH, type ExtensionUnderTest, type ExtPage } from '../../browser-harness/launch';
import { addCognitoAccount, answerPrompt, openPopup, promptKind, setUpVault, startSignIn, waitForFlow } from '../../browser-harness/steps';
import { fireAlarmNow } from '../../browser-harness/extension-api';
import { until } from '../../browser-harness/until';
import { startRefereePool, type LocalPool } from '../referees/helpers/local-pool';
import { createScenarioPools, type ScenarioPools } from './pool-fixture';
import EN from '../../public/_locales/en/messages.json' with { type: 'json' };

const VAULT_PASSWORD = `badge-${randomBytes(6).toString('hex')}`;
const line = (key: 'badgeApprovalWaiting' | 'badgeRefreshFailed', count: number) => EN[key].message.replace('$count$', String(count));

type Shown = { text: string; title: string };
const badgeOf = (page: ExtPage): Promise<Shown> => page.evaluate(async () => {
  const api = ((globalThis as any).browser ?? (globalThis as any).chrome).action;
  return { text: await api.getBadgeText({}) as string, title: await api.getTitle({}) as string };
});

describe.each(['chromium', 'firefox'] as const)('%s: the toolbar badge', (browserName) => {
  let server: LocalPool;
  let pools: ScenarioPools;
  let ext: ExtensionUnderTest;
  let watcher: ExtPage;
  const pages: ExtPage[] = [];
  const waitForBadge = (what: string, check: (shown: Shown) => boolean) => {
    let seen: Shown | undefined;
    return until(what, async () => check(seen = await badgeOf(watcher)), { timeoutMs: 20_000, lastSeen: () => JSON.stringify(seen) });
  };

  beforeAll(async () => {
    server = await startRefereePool();
    pools = await createScenarioPools(server, `badge-${browserName}`);
    ext = await launchExtension(browserName);
    await ext.preApproveHostPermission(LOCAL_POOL_HOST_PATTERN);
    await setUpVault(ext, VAULT_PASSWORD);
    watcher = await ext.openPage(OPTIONS_PATH);
    pages.push(watcher);
  });
  afterAll(() => cleanUp([...pages.map((p) => () => p.close()), () => ext?.close(), () => server?.close()]));

  it('starts empty, with the extension\'s name as its title', async () => {
    expect(await badgeOf(watcher)).toEqual({ text: '', title: EN.extName.message });
  });

  it('a sign-in waiting for approval raises it, the popup closed or not; Deny clears it, and so does Approve', async () => {
    const user = pools.user(pools.mfa, 'manual');
    const id = await addCognitoAccount(ext, { label: 'Badge ask', pool: pools.mfa, username: user.username, password: user.password, totpSecret: user.totpSecret, policy: 'ask', rememberDevice: false });
    let popup = await openPopup(ext);
    pages.push(popup);
    await startSignIn(popup, id);
    await waitForFlow(popup, ['needs-input']);
    expect(await promptKind(popup)).toBe('approve');
    await waitForBadge('the badge to count the approval', (b) => b.text === '1');
    expect((await badgeOf(watcher)).title).toBe(`${EN.extName.message}\n${line('badgeApprovalWaiting', 1)}`);

    // Still waiting once the popup is gone: that is when the badge is needed.
    await popup.close();
    await ext.stopBackground();
    expect((await badgeOf(watcher)).text).toBe('1');

    popup = await openPopup(ext);
    pages.push(popup);
    await popup.waitFor('[data-testid=pending-open]');
    await popup.click('[data-testid=pending-open]');
    await waitForFlow(popup, ['needs-input']);
    await answerPrompt(popup, '#deny', ['failed']);
    await waitForBadge('Deny to clear the badge', (b) => b.text === '');
    expect((await badgeOf(watcher)).title).toBe(EN.extName.message);

    await popup.click('#flow-retry');
    await until('the retry to start a new sign-in', async () => (await popup.count('#flow-status[data-status=failed]')) === 0);
    await waitForFlow(popup, ['needs-input']);
    await waitForBadge('the retry to raise it again', (b) => b.text === '1');
    await answerPrompt(popup, '#approve', ['signed-in']);
    await waitForBadge('Approve to clear the badge', (b) => b.text === '');

    // A lock deletes the waiting flow (it is encrypted with the vault key): nothing waits any more.
    const next = await openPopup(ext);
    pages.push(next);
    await startSignIn(next, id);
    await waitForFlow(next, ['needs-input']);
    await waitForBadge('a new sign-in to raise it', (b) => b.text === '1');
    await next.click('#lock');
    await waitForBadge('the lock to clear it', (b) => b.text === '');
    await next.waitFor('#unlock-form');
    await next.fill('#unlock-password', VAULT_PASSWORD);
    await next.click('#unlock-submit');
    await next.waitFor('#view[data-view=accounts]');
  });

  it('a failed refresh raises it with its own title, and the next sign-in clears it', async () => {
    const user = pools.user(pools.mfa, 'auto');
    const id = await addCognitoAccount(ext, { label: 'Badge refresh', pool: pools.mfa, username: user.username, password: user.password, totpSecret: user.totpSecret, policy: 'auto', rememberDevice: false });
    const popup = await openPopup(ext);
    pages.push(popup);
    await startSignIn(popup, id);
    await waitForFlow(popup, ['signed-in']);
    expect((await badgeOf(watcher)).text).toBe('');

    // The pool revokes the refresh token (as GlobalSignOut elsewhere would): the next refresh fails.
    const live = pools.refreshTokens(pools.mfa, 'auto').filter((t) => !t.revoked);
    expect(live.length).toBeGreaterThan(0);
    for (const token of live) token.revoked = true;
    await fireAlarmNow(watcher, REFRESH_ALARM_PREFIX + id);
    await waitForBadge('the failed refresh to raise the badge', (b) => b.text === '1');
    expect((await badgeOf(watcher)).title).toBe(`${EN.extName.message}\n${line('badgeRefreshFailed', 1)}`);

    // TOTP codes are single-use: wait for the next step before signing in again.
    const step = pools.totp(pools.mfa, 'auto').lastUsedStep;
    await until('the next TOTP step', async () => Math.floor(Date.now() / 30_000) > step, { timeoutMs: 35_000, intervalMs: 500 });
    await popup.click('#flow-back').catch(() => {});
    const again = await openPopup(ext);
    pages.push(again);
    await startSignIn(again, id);
    await waitForFlow(again, ['signed-in'], 60_000);
    await waitForBadge('a new sign-in to clear the badge', (b) => b.text === '');
  });
});
