/**
 * The packaged extension's JS heap in Chromium, read over the DevTools protocol
 * (Runtime.getHeapUsage: the V8 heap of the target's isolate; embedderHeapUsedSize is Blink's
 * C++ heap, the DOM). Each reading is taken as found and again after HeapProfiler.collectGarbage;
 * "live" is the second.
 *
 *   - the service worker just after it starts (stopped with ServiceWorker.stopAllWorkers, woken by
 *     one `status` message), then after one SRP sign-in through the popup against the local pool;
 *   - the popup once its first code shows (the only extension page open, since all extension pages
 *     share one renderer isolate), next to an about:blank tab measured the same way.
 *
 * Playwright opens protocol sessions for pages only; the worker is reached from a browser-level
 * session with Target.attachToTarget in non-flat mode, its commands wrapped in
 * Target.sendMessageToTarget (Playwright's CDPSession cannot address flat child sessions).
 */
import { randomBytes } from 'node:crypto';
import type { CDPSession, Page } from 'playwright-core';
import { chromiumUnderTest, cleanUp, fromPlaywright, launchChromium, POPUP_PATH, type ChromiumSession, type ExtensionUnderTest, LOCAL_POOL_HOST_PATTERN } from '../../../browser-harness/launch';
import { addCognitoAccount, setUpVault, startSignIn, waitForFlow } from '../../../browser-harness/steps';
import { startLocalPool } from 'cognito-local-user-pool';
import { makePool, makeUser } from 'cognito-local-user-pool/test-setup';

/** A fixed RFC 6238 test secret: the popup needs some TOTP account to show a code. */
const BENCH_URI = 'otpauth://totp/Bench:bench@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bench';
/** Match patterns carry no port: the local pool's host, as the options form asks for it. */
const FIRST_CODE = '[data-testid=code][data-code]';

export interface HeapReading {
  /** V8 heap in use as found, bytes. */
  used: number;
  /** V8 heap in use after a full GC, bytes. */
  live: number;
  /** Blink's (Oilpan) heap after the GC, bytes: DOM and other C++ objects the page holds. */
  embedderLive: number;
}

export interface ExtensionHeap {
  workerStarted: HeapReading[];
  workerSignedIn: HeapReading[];
  popup: HeapReading[];
  blankPage: HeapReading[];
}

type Send = (method: string, params?: object) => Promise<any>;

async function readHeap(send: Send): Promise<HeapReading> {
  const before = await send('Runtime.getHeapUsage');
  await send('HeapProfiler.collectGarbage');
  const after = await send('Runtime.getHeapUsage');
  return { used: before.usedSize, live: after.usedSize, embedderLive: after.embedderHeapUsedSize };
}

async function pageHeap(s: ChromiumSession, page: Page): Promise<HeapReading> {
  const cdp = await s.context.newCDPSession(page);
  try {
    return await readHeap((method, params) => cdp.send(method as 'Runtime.getHeapUsage', params as never));
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Attaches to the extension's running service worker for one reading, then detaches. */
export async function workerHeap(browserCdp: CDPSession, extensionId: string): Promise<HeapReading> {
  const { targetInfos } = await browserCdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!target) throw new Error('the extension\'s service worker is not running, so its heap cannot be read');
  const { sessionId } = await browserCdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 0;
  const onMessage = (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = reply.id === undefined ? undefined : pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id!);
    if (reply.error) waiter.reject(new Error(`service worker protocol error: ${reply.error.message}`));
    else waiter.resolve(reply.result);
  };
  browserCdp.on('Target.receivedMessageFromTarget', onMessage);
  const send: Send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = ++nextId;
    pending.set(id, { resolve, reject });
    browserCdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
  });
  try {
    return await readHeap(send);
  } finally {
    browserCdp.off('Target.receivedMessageFromTarget', onMessage);
    await browserCdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  }
}

async function prepare(ext: ExtensionUnderTest, endpoint: string): Promise<string> {
  const created = await makePool(endpoint, { PoolName: 'bench-memory' });
  const pool = { endpoint, userPoolId: created.poolId, clientId: created.clientId };
  const user = { username: 'bench', password: `Bench-${randomBytes(9).toString('base64url')}-a1!Z` };
  await makeUser(endpoint, created, user.username, user.password);
  await ext.preApproveHostPermission(LOCAL_POOL_HOST_PATTERN);
  await setUpVault(ext, `bench-${randomBytes(6).toString('hex')}`);
  const page = await ext.openPage(POPUP_PATH);
  try {
    const answer = await page.evaluateWith((uri) => chrome.runtime.sendMessage({ type: 'import', data: uri }), BENCH_URI);
    if (!answer?.ok) throw new Error(`importing the bench TOTP account failed: ${JSON.stringify(answer?.error)}`);
  } finally {
    await page.close();
  }
  return addCognitoAccount(ext, { label: 'Bench memory', pool, username: user.username, password: user.password, policy: 'auto', rememberDevice: false });
}

export async function measureExtensionHeap(runs: number): Promise<ExtensionHeap> {
  const server = await startLocalPool({ port: 0 });
  let session: ChromiumSession | undefined;
  try {
    session = await launchChromium();
    const s = session;
    const browser = s.context.browser();
    if (!browser) throw new Error('Playwright gave no Browser for the persistent context, so the worker cannot be reached over CDP');
    const browserCdp = await browser.newBrowserCDPSession();
    const ext = chromiumUnderTest(s);
    const accountId = await prepare(ext, server.endpoint);
    const out: ExtensionHeap = { workerStarted: [], workerSignedIn: [], popup: [], blankPage: [] };

    // Popup and about:blank, one at a time, nothing else open but Playwright's first tab.
    for (const page of s.context.pages()) await page.close();
    for (let i = 0; i < runs; i++) {
      const popup = await s.openPage(POPUP_PATH);
      await popup.waitForSelector(FIRST_CODE, { timeout: 15_000 });
      out.popup.push(await pageHeap(s, popup));
      await popup.close();
      const blank = await s.context.newPage();
      out.blankPage.push(await pageHeap(s, blank));
      await blank.close();
    }

    // The worker: stopped, woken by one message, then one sign-in through the popup.
    for (let i = 0; i < runs; i++) {
      const page = await s.openPage(POPUP_PATH);
      const popup = fromPlaywright(page);
      try {
        // Stop the worker only once the popup has its account list: stopping it while the
        // popup's first requests are in flight would leave the popup on an error view.
        await popup.waitFor(`[data-testid=account-row][data-account-id="${accountId}"] [data-testid=sign-in]`);
        await s.stopServiceWorkers(page);
        const status = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'status' }));
        if (!status?.ok) throw new Error(`the woken worker did not answer status: ${JSON.stringify(status?.error)}`);
        out.workerStarted.push(await workerHeap(browserCdp, s.extensionId));
        await startSignIn(popup, accountId);
        await waitForFlow(popup, ['signed-in']);
        // Let the worker finish what follows the answer (storage writes) before reading.
        await new Promise((r) => setTimeout(r, 500));
        out.workerSignedIn.push(await workerHeap(browserCdp, s.extensionId));
      } finally {
        await popup.close();
      }
    }
    await browserCdp.detach().catch(() => {});
    return out;
  } finally {
    await cleanUp([() => session?.close(), () => server.close()]);
  }
}
