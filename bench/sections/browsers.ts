/**
 * Chromium against Firefox in one run: where a Cognito sign-in through the packaged extension
 * spends its time in each browser, against the local pool, and the ratio Firefox ÷ Chromium.
 * Written for the report "sign-ins are 10× slower in Firefox" (bench/README.md, "Firefox: where
 * the time goes"). Per browser, in this order:
 *
 * - the SRP maths in a blank tab (the background runs the same code in the same engine):
 *   SRP_A, PASSWORD_CLAIM_SIGNATURE, one 3072-bit square-and-reduce;
 * - message round trips from an extension page to the background: `status` (no storage) and
 *   `list-accounts` (storage.local and storage.session reads, the vault key's import, AES-GCM);
 * - one fetch from an extension page to the local pool (a GetUser the pool refuses);
 * - the `sign-in` request for a plain SRP user and for a TOTP user (fresh users each run: a TOTP
 *   step is accepted once): the whole sign-in in the background, storage and vault included;
 * - the popup's Sign in button → "signed in" shown, timed in the page (what a person waits for);
 * - the harness: one click on a popup page that sits in a tab behind another (the demo's tour
 *   keeps the options page open in front of it), with the driver's own click (Firefox:
 *   Puppeteer's page.click, Chromium: Playwright's) and the harness' (browser-harness/firefox-click.ts).
 *
 * Needs `npm run package`. Prints medians; never asserts.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import {
  chromiumUnderTest, FIREFOX_SCENARIO_OPTIONS, firefoxUnderTest, launchChromium, launchFirefox, LOCAL_POOL_HOST_PATTERN, OPTIONS_PATH,
  POPUP_PATH, type ExtensionUnderTest, type ExtPage,
} from '../../browser-harness/launch';
import { clickInFirefox } from '../../browser-harness/firefox-click';
import { addCognitoAccount, setUpVault } from '../../browser-harness/steps';
import { base32 } from '@scure/base';
import { applySeed, startLocalPool } from 'cognito-local-user-pool';
import type { SrpInPage } from './browsers/srp-in-page';
import { median, printTable } from './table';

const RUNS = 5;
/** A driver click that waits longer than this is reported as "> this" (and abandoned). */
const CLICK_CAP_MS = 40_000;
type BrowserName = 'chromium' | 'firefox';

interface Measured {
  srp: SrpInPage;
  statusMs: number[];
  listAccountsMs: number[];
  fetchMs: number[];
  signInPlainMs: number[];
  signInTotpMs: number[];
  popupPlainMs: number[];
  popupTotpMs: number[];
  /** A click on the popup tab behind the options tab, driver's own click; undefined: capped. */
  driverClickBehindMs: (number | undefined)[];
  harnessClickBehindMs: number[];
}

async function srpBundle(): Promise<string> {
  const entry = fileURLToPath(new URL('./browsers/srp-in-page.ts', import.meta.url));
  const out = await build({ entryPoints: [entry], bundle: true, format: 'iife', write: false, logLevel: 'warning' });
  return out.outputFiles[0]!.text;
}

/** Sends `message` from an extension page; resolves with the answer and the page-timed round trip. */
function send(page: ExtPage, message: object): Promise<{ ms: number; answer: any }> {
  return page.evaluateWith(async (m) => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    const t0 = performance.now();
    const answer = await api.runtime.sendMessage(m);
    return { ms: performance.now() - t0, answer };
  }, message);
}

/** In the popup: presses the account's Sign in and resolves when the flow view reads signed-in (page clock). */
function popupSignIn(page: ExtPage, accountId: string): Promise<number> {
  // No named helpers inside: tsx (esbuild keepNames) would wrap them in a __name() the page lacks.
  return page.evaluateWith((id) => new Promise<number>((resolve, reject) => {
    const button = document.querySelector<HTMLButtonElement>(`[data-testid=account-row][data-account-id="${id}"] [data-testid=sign-in]`);
    if (!button) return reject(new Error(`no Sign in button for ${id}`));
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      const status = document.getElementById('flow-status')?.dataset.status;
      if (status === 'signed-in') { observer.disconnect(); resolve(performance.now() - t0); }
      else if (status === 'failed' || status === 'needs-input') { observer.disconnect(); reject(new Error(`the sign-in ended ${status}`)); }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
    button.click();
  }), accountId);
}

type LocalPool = Awaited<ReturnType<typeof startLocalPool>>;
const PASSWORD = 'Bench-browsers-Passw0rd!';

/** A pool of its own for each browser, seeded through the pool package (bench code does not reach into test/). */
async function seedPool(server: LocalPool, browserName: BrowserName) {
  const userPoolId = `us-east-1_Bench${browserName === 'chromium' ? 'Chr' : 'Ffx'}`;
  const clientId = `benchbrowsers${browserName}`;
  const users: Record<string, { password: string; totpSecret?: string }> = {};
  const seedUsers = [];
  for (let i = 0; i < RUNS * 2; i++) {
    const secret = base32.encode(randomBytes(20)).replace(/=+$/, '');
    users[`plain${i}`] = { password: PASSWORD };
    users[`totp${i}`] = { password: PASSWORD, totpSecret: secret };
    seedUsers.push({ Username: `plain${i}`, Password: PASSWORD, Permanent: true },
      { Username: `totp${i}`, Password: PASSWORD, Permanent: true, Totp: { Secret: secret, Enabled: true, Preferred: true } });
  }
  await applySeed(server.context, { pools: [{
    Id: userPoolId, PoolName: `bench-browsers-${browserName}`,
    MfaConfig: { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
    Clients: [{ ClientId: clientId, ClientName: `bench-browsers-${browserName}`, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
    Users: seedUsers,
  }] });
  return { userPoolId, clientId, users };
}

async function measure(browserName: BrowserName, server: LocalPool, srpCode: string): Promise<Measured> {
  const pool = await seedPool(server, browserName);
  const users = Object.keys(pool.users).map((username) => ({ username }));
  // The raw sessions, for the driver's own click on a tab behind another.
  const chromium = browserName === 'chromium' ? await launchChromium() : undefined;
  const firefox = browserName === 'firefox' ? await launchFirefox(FIREFOX_SCENARIO_OPTIONS) : undefined;
  const ext: ExtensionUnderTest = chromium ? chromiumUnderTest(chromium) : firefoxUnderTest(firefox!);
  try {
    await ext.preApproveHostPermission(LOCAL_POOL_HOST_PATTERN);
    const blank = await ext.openUrl('about:blank');
    const srpFn = new Function('args', `${srpCode}\nreturn globalThis.__srpBench(...args);`) as (args: unknown[]) => SrpInPage;
    const B = randomBytes(384).toString('hex');
    const srp = await blank.evaluateWith(srpFn, [B, randomBytes(16).toString('hex'), randomBytes(1300).toString('base64'), 15]);
    await blank.close();

    await setUpVault(ext, 'bench vault password');
    // The first account through the options form: it asks for the pool's host permission.
    await addCognitoAccount(ext, { label: 'first', pool: { endpoint: server.endpoint, userPoolId: pool.userPoolId, clientId: pool.clientId }, username: 'nobody', policy: 'auto', rememberDevice: false });
    const page = await ext.openPage(POPUP_PATH);
    const ids: Record<string, string> = {};
    for (const { username } of users) {
      const seeded = pool.users[username]!;
      const { answer } = await send(page, { type: 'add-account', account: {
        kind: 'cognito', label: username, userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: server.endpoint, username,
        policy: { autoAnswer: true, rememberDevice: false }, password: seeded.password, ...(seeded.totpSecret ? { totpSecret: seeded.totpSecret } : {}),
      } });
      if (!answer?.ok) throw new Error(`adding ${username} failed: ${JSON.stringify(answer?.error)}`);
      ids[username] = answer.id;
    }
    const m: Measured = { srp, statusMs: [], listAccountsMs: [], fetchMs: [], signInPlainMs: [], signInTotpMs: [], popupPlainMs: [], popupTotpMs: [], driverClickBehindMs: [], harnessClickBehindMs: [] };
    for (let i = 0; i < RUNS; i++) {
      m.statusMs.push((await send(page, { type: 'status' })).ms);
      m.listAccountsMs.push((await send(page, { type: 'list-accounts' })).ms);
      m.fetchMs.push(await page.evaluateWith(async (endpoint) => {
        const t0 = performance.now();
        await (await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.GetUser' }, body: '{"AccessToken":"x"}' })).text();
        return performance.now() - t0;
      }, server.endpoint));
      for (const kind of ['plain', 'totp'] as const) {
        const { ms, answer } = await send(page, { type: 'sign-in', accountId: ids[`${kind}${i}`] });
        if (answer?.flow?.status !== 'signed-in') throw new Error(`${kind}${i}: the sign-in ended ${JSON.stringify(answer?.flow?.status ?? answer?.error)}`);
        (kind === 'plain' ? m.signInPlainMs : m.signInTotpMs).push(ms);
      }
    }
    await page.close();
    for (let i = 0; i < RUNS; i++) {
      for (const kind of ['plain', 'totp'] as const) {
        const popup = await ext.openPage(POPUP_PATH);
        await popup.waitFor(`[data-testid=account-row][data-account-id="${ids[`${kind}${RUNS + i}`]}"] [data-testid=sign-in]`);
        (kind === 'plain' ? m.popupPlainMs : m.popupTotpMs).push(await popupSignIn(popup, ids[`${kind}${RUNS + i}`]!));
        await popup.close();
      }
    }
    await clicksBehind(browserName, chromium, firefox, ext, m);
    return m;
  } finally {
    await ext.close();
  }
}

interface DriverPage {
  evaluate(expression: string): Promise<unknown>;
  waitForSelector(selector: string): Promise<unknown>;
  click(selector: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The popup's first row menu button, clicked while the options page is the selected tab: once by
 * the driver itself and once by the harness' click, alternately (each click opens or closes the
 * menu; either way the page has handled a click).
 */
async function clicksBehind(browserName: BrowserName, chromium: Awaited<ReturnType<typeof launchChromium>> | undefined,
  firefox: Awaited<ReturnType<typeof launchFirefox>> | undefined, ext: ExtensionUnderTest, m: Measured): Promise<void> {
  const target = '[data-testid=account-row] [data-testid=row-menu]';
  // Playwright's and Puppeteer's pages, through the three calls both have with these signatures.
  const popup = (chromium ? await chromium.openPage(POPUP_PATH) : await firefox!.openPage(POPUP_PATH)) as unknown as DriverPage;
  const options = await ext.openPage(OPTIONS_PATH); // a new tab, selected: the popup's tab is now behind it
  try {
    const clicks = async (): Promise<number> => Number(await popup.evaluate('document.body.dataset.benchClicks ?? "0"'));
    await popup.evaluate(`document.addEventListener('click', () => { document.body.dataset.benchClicks = String(Number(document.body.dataset.benchClicks ?? 0) + 1); }, true)`);
    await popup.waitForSelector(target);
    for (let i = 0; i < RUNS; i++) {
      const before = await clicks();
      let t0 = performance.now();
      const driverClick = popup.click(target);
      const capped = await Promise.race([driverClick.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), CLICK_CAP_MS))]);
      m.driverClickBehindMs.push(capped ? undefined : performance.now() - t0);
      if (capped) await driverClick.catch(() => {}); // let it land before the next click
      if ((await clicks()) !== before + 1) throw new Error(`${browserName}: the driver's click did not reach the popup`);
      t0 = performance.now();
      if (firefox) await clickInFirefox(popup as unknown as Parameters<typeof clickInFirefox>[0], target);
      else await popup.click(target);
      m.harnessClickBehindMs.push(performance.now() - t0);
      if ((await clicks()) !== before + 2) throw new Error(`${browserName}: the harness' click did not reach the popup`);
    }
  } finally {
    await options.close();
    await popup.close();
  }
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

export async function run(): Promise<void> {
  const srpCode = await srpBundle();
  const server = await startLocalPool({ port: 0, requestsPerSecond: 0 });
  const results: Partial<Record<BrowserName, Measured>> = {};
  try {
    for (const browserName of ['chromium', 'firefox'] as const) results[browserName] = await measure(browserName, server, srpCode);
  } finally {
    await server.close();
  }
  const c = results.chromium!;
  const f = results.firefox!;
  const row = (name: string, pick: (m: Measured) => number, unit = 'ms'): string[] => {
    const cv = pick(c);
    const fv = pick(f);
    return [name, `${fmt(cv)} ${unit}`, `${fmt(fv)} ${unit}`, `${(fv / cv).toFixed(2)}×`];
  };
  const clickMedian = (xs: (number | undefined)[]) => median(xs.map((x) => x ?? CLICK_CAP_MS));
  const cappedNote = f.driverClickBehindMs.some((x) => x === undefined) ? ` (${f.driverClickBehindMs.filter((x) => x === undefined).length} of ${RUNS} capped at ${CLICK_CAP_MS / 1000} s)` : '';
  printTable(`Chromium vs Firefox, packaged extension, local pool (medians of ${RUNS}; SRP maths of 15)`,
    ['measure', 'chromium', 'firefox', 'firefox ÷ chromium'], [
      row('SRP: first SRP_A in a page (builds the g^x table)', (m) => m.srp.coldA),
      row('SRP: SRP_A', (m) => m.srp.A),
      row('SRP: PASSWORD_CLAIM_SIGNATURE after B', (m) => m.srp.claim),
      row('SRP: one 3072-bit square + % N', (m) => m.srp.squareModMicros, 'µs'),
      row('page → background: status round trip', (m) => median(m.statusMs)),
      row('page → background: list-accounts (storage + vault key + AES-GCM)', (m) => median(m.listAccountsMs)),
      row('extension page → local pool: one fetch', (m) => median(m.fetchMs)),
      row('sign-in request, plain SRP (2 pool calls)', (m) => median(m.signInPlainMs)),
      row('sign-in request, SRP + TOTP (3 pool calls)', (m) => median(m.signInTotpMs)),
      row('popup: Sign in pressed → signed in shown, plain SRP', (m) => median(m.popupPlainMs)),
      row('popup: Sign in pressed → signed in shown, SRP + TOTP', (m) => median(m.popupTotpMs)),
      row(`harness: driver's own click on a popup tab behind another${cappedNote}`, (m) => clickMedian(m.driverClickBehindMs)),
      row("harness: the harness' click there (firefox-click.ts in Firefox)", (m) => median(m.harnessClickBehindMs)),
    ]);
  console.log(`    driver's click behind another tab, every run: chromium ${c.driverClickBehindMs.map((x) => x === undefined ? 'capped' : fmt(x)).join(', ')} ms; firefox ${f.driverClickBehindMs.map((x) => x === undefined ? 'capped' : fmt(x)).join(', ')} ms`);
}
