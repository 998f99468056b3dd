// The gestures a headless browser cannot make (issue 9 item 2): the `fill-code` keyboard command
// and the context menu's "Fill code", pressed as a person presses them. Headed Chromium and headed
// Firefox ESR on an X server (Xvfb) with the keys sent by xdotool (XTEST: real X input, which the
// browser's own accelerator and menu handling sees), on Amplify UI's sign-in with an "ask me
// first" account; the code is filled and the app's own RespondToAuthChallenge succeeds. One
// scenario, run once per browser. Skipped, saying why, only when Xvfb or xdotool is missing and
// CI is not set (scripts/install-system-deps.sh installs both; under CI=true it runs or fails).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumUnderTest, cleanUp, FIREFOX_SCENARIO_OPTIONS, firefoxUnderTest, launchChromium, launchFirefox, OPTIONS_PATH, type ExtensionUnderTest, type ExtPage } from '../../browser-harness/launch';
import { addCognitoAccount, setUpVault } from '../../browser-harness/steps';
import { sendToBackground } from '../../browser-harness/extension-api';
import { until } from '../../browser-harness/until';
import { startWebAppsFixture, type WebAppsFixture } from '../web-apps/support';

const X_TOOLS = ['/usr/bin/Xvfb', '/usr/bin/xdotool'];
const missing = X_TOOLS.filter((tool) => !existsSync(tool));
const skip = missing.length > 0 && process.env.CI !== 'true';
if (skip) console.warn(`fill-gestures-headed: skipped, ${missing.join(' and ')} missing (scripts/install-system-deps.sh installs them)`);

const USER = 'gesture-ask';
const AMP_SIGNIN = 'form[data-amplify-authenticator-signin]';
const AMP_CODE = 'form[data-amplify-authenticator-confirmsignin] input[name="confirmation_code"]';
const AMP_CONFIRM = 'form[data-amplify-authenticator-confirmsignin] button[type="submit"]';

/** Each browser under test: how it is launched headed, and the X window class of its windows. */
const BROWSERS = [
  { name: 'Chromium', windowClass: 'chromium', keyboardCommandByX: true, launch: async () => chromiumUnderTest(await launchChromium({ headless: false })) },
  { name: 'Firefox', windowClass: 'firefox', keyboardCommandByX: false, launch: async () => firefoxUnderTest(await launchFirefox({ ...FIREFOX_SCENARIO_OPTIONS, headless: false })) },
] as const;

describe.skipIf(skip).each(BROWSERS)('headed $name under Xvfb: gestures made with real X input fill the code', ({ name, windowClass, keyboardCommandByX, launch }) => {
  let xvfb: ChildProcess | undefined;
  let display = '';
  let fx: WebAppsFixture;
  let ext: ExtensionUnderTest;
  let options: ExtPage;
  let accountId: string;

  beforeAll(async () => {
    display = `:${90 + Math.floor(Math.random() * 800)}`;
    xvfb = spawn('/usr/bin/Xvfb', [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    await until('the X server', async () => spawnSync('/usr/bin/xdotool', ['getmouselocation'], { env: { ...process.env, DISPLAY: display } }).status === 0, 10_000);
    process.env.DISPLAY = display;
    fx = await startWebAppsFixture('gesture', { totp: [USER] });
    ext = await launch();
    await setUpVault(ext, 'gesture vault password');
    await ext.preApproveHostPermission('http://127.0.0.1/*');
    accountId = await addCognitoAccount(ext, { label: 'Gesture', pool: fx.config, username: USER, totpSecret: fx.user(USER).totpSecret, policy: 'ask', rememberDevice: false });
    options = await ext.openPage(OPTIONS_PATH);
    expect(await sendToBackground(options, { type: 'bind-site', accountId, origin: fx.apps.origin })).toMatchObject({ ok: true });
  }, 180_000);
  afterAll(() => cleanUp([() => options?.close(), () => ext?.close(), () => fx?.close(), () => { xvfb?.kill(); }]));

  /** Runs xdotool on the X server; fails with its own error output. */
  function xdotool(...args: string[]): string {
    const run = spawnSync('/usr/bin/xdotool', args, { env: { ...process.env, DISPLAY: display }, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`xdotool ${args.join(' ')} failed: ${run.stderr}`);
    return run.stdout.trim();
  }

  /** Gives the X focus to the browser's (last) window, where the keys go. */
  function focusBrowserWindow(): void {
    const windows = xdotool('search', '--onlyvisible', '--class', windowClass).split('\n').filter(Boolean);
    expect(windows.length, `a visible ${name} window`).toBeGreaterThan(0);
    xdotool('windowfocus', '--sync', windows[windows.length - 1]!);
  }

  /**
   * The person signs in to Amplify UI up to its code step (an "ask me first" account: nothing is
   * filled by itself), then `gesture` runs; the code must be filled and the app's own confirm
   * must sign in. Each run waits for a fresh time step: one step is filled once.
   */
  async function signInWithGesture(gesture: (page: ExtPage) => Promise<void>): Promise<void> {
    const page = await ext.openUrl(fx.apps.url('amplify', { pool: fx.config }));
    try {
      await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
      await page.reload();
      await page.bringToFront();
      await page.waitFor(`${AMP_SIGNIN} input[name="username"]`, 30_000);
      await page.fill(`${AMP_SIGNIN} input[name="username"]`, USER);
      await page.fill(`${AMP_SIGNIN} input[name="password"]`, fx.user(USER).password);
      fx.calls.clear();
      await page.click(`${AMP_SIGNIN} button[type="submit"]`);
      await page.waitFor(AMP_CODE, 30_000);
      await new Promise((r) => setTimeout(r, 1500));
      const value = () => page.evaluateWith((s) => document.querySelector<HTMLInputElement>(s)?.value ?? '', AMP_CODE);
      expect(await value(), '"ask me first": nothing without the person').toBe('');
      await gesture(page);
      // Within this step, or at the next one when an earlier gesture used it.
      await until('the gesture to fill the code', async () => /^\d{6}$/.test(await value()) || undefined, 40_000);
      await page.click(AMP_CONFIRM);
      await page.waitFor('[data-testid="attributes"]', 30_000);
      expect(fx.calls.list).toContain('RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200');
    } finally {
      await page.close();
    }
  }

  // Firefox's keyboard command is driven in code-fill.test.ts (its <key> in the browser window);
  // the chord sent by xdotool did not reach it in headed Firefox under Xvfb (tried with the window
  // focused, with the code field focused, with the keys pressed one by one, and with Meta moved off
  // Alt by setxkbmap altwin:meta_win; 2026-12), so here only Chromium's runs.
  it.runIf(keyboardCommandByX)('Alt+Shift+F pressed on the app fills its code field; the app\'s own confirm signs in', async () => {
    await signInWithGesture(async () => {
      focusBrowserWindow();
      xdotool('key', '--clearmodifiers', 'alt+shift+f');
    });
  }, 120_000);

  it('"Fill code" chosen in the code field\'s context menu (opened with Shift+F10, chosen by its letter) fills it; the app signs in', async () => {
    await signInWithGesture(async (page) => {
      await page.evaluateWith((s) => document.querySelector<HTMLInputElement>(s)!.focus(), AMP_CODE);
      focusBrowserWindow();
      // The context-menu key opens the menu of the focused field; "f" picks its one item starting
      // with F (Firefox shows the extension's single item directly in the menu, without an access
      // key, and picks it by its first letter too). Had the menu not opened, the "f" would land in
      // the field and no code would be filled.
      xdotool('key', '--clearmodifiers', 'shift+F10');
      await new Promise((r) => setTimeout(r, 800));
      xdotool('key', 'f');
    });
  }, 120_000);
});
