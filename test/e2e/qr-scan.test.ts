// "Scan the QR code on this tab" in real Chromium and Firefox, the way a person does it: a web
// page served on 127.0.0.1 shows the QR code of an otpauth:// URI; the extension's toolbar button
// is clicked on that tab, which opens the popup and grants activeTab; "Scan" is clicked in the
// popup, which captures the visible tab and decodes it itself. What the page's QR code would add
// is shown first (type, issuer, account; never the secret) and nothing is stored until the
// person confirms: Cancel adds nothing; a second scan and Add puts the account in the vault. A
// page whose QR code breaks a rule (an HOTP counter of 2^53-1) gets its reason shown, and no Add.
// And the page got nothing: no extension script ran in it, its DOM did not change, it got no
// message and made no request.
//
// Chromium: the click is CDP Extensions.triggerAction, the browser's own action path. It needs
// Chromium started with --enable-unsafe-extension-debugging (launchChromium's extraArgs), and the
// popup it opens is not a Playwright page: browser-harness/chromium-action-popup.ts reaches it
// through the browser-level CDP session.
// captureVisibleTab itself needs activeTab or <all_urls> in Chromium 156 ("Either the
// '<all_urls>' or 'activeTab' permission is required."): the optional host permission for the
// page's origin is not enough, so only the action click works.
//
// Firefox: WebDriver BiDi has no command for the toolbar button and does not list the popup (it
// is a <browser> in the window's chrome document, not a tab). Both are reached from the chrome
// context that --remote-allow-system-access opens to BiDi: the click is the action's own
// triggerAction (what the action's keyboard shortcut runs; it grants activeTab through the same
// triggerClickOrPopup as a click), and the popup is driven through a frame script; see
// browser-harness/firefox-action-popup.ts. No content-script global of the
// extension may exist in the page's process (ExtensionContent.getAllContentScriptGlobals).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickToolbarButton, contentScriptGlobalsInSelectedTab, inPopup } from '../../browser-harness/firefox-action-popup';
import { ACTION_DEBUGGING_FLAG, openActionPopup } from '../../browser-harness/chromium-action-popup';
import { launchChromium, launchFirefox, POPUP_PATH, type ChromiumSession, type FirefoxSession } from '../../browser-harness/launch';
import { until } from '../../browser-harness/until';

const VAULT_PASSWORD = 'qr scan vault password';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const OTPAUTH_URI = `otpauth://totp/QR%20Shop:carol%40example.com?secret=${SECRET}&issuer=QR%20Shop&digits=6&period=30`;

/** Serves the QR page on 127.0.0.1:0 and records every request it receives. */
/** A hostile page's QR code: an HOTP counter of 2^53-1, past the counter rule (src/otp/limits.ts). */
const HOSTILE_URI = `otpauth://hotp/Hostile:mallory?secret=${SECRET}&issuer=Hostile&counter=9007199254740991`;

async function startQrSite(): Promise<{ origin: string; requests: string[]; server: Server }> {
  const png = await QRCode.toBuffer(OTPAUTH_URI, { scale: 6, margin: 4 });
  const hostilePng = await QRCode.toBuffer(HOSTILE_URI, { scale: 6, margin: 4 });
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.url === '/qr.png' || req.url === '/hostile/qr.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(req.url === '/qr.png' ? png : hostilePng);
      return;
    }
    // The page watches for anything an extension could do to it: DOM changes, messages.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>Enable two-factor authentication</title></head>
<body style="background:#fff;margin:40px">
<p>Scan this code with your authenticator app.</p><img id="qr" src="${req.url?.startsWith('/hostile') ? '/hostile/qr.png' : '/qr.png'}" alt="QR code">
<script>
  window.__seen = { mutations: 0, messages: 0 };
  addEventListener('load', () => {
    new MutationObserver((records) => { window.__seen.mutations += records.length; })
      .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  addEventListener('message', () => { window.__seen.messages += 1; });
</script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

/** CDP targets and popup probes fail while a target is still coming up: such a failure is one more poll. */
function untilReady<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  return until(what, probe, { timeoutMs, intervalMs: 100, retryErrors: true });
}

/** The popup's list row of the scanned account names it as the URI does. */
function expectScannedRow(row: string): void {
  expect(row).toContain('carol@example.com');
  expect(row).toContain('QR Shop');
}

/** The account is in the vault with the URI's parameters; `ask` sends a message from an extension page. */
async function expectImported(ask: (message: { type: string }) => Promise<unknown>): Promise<void> {
  expect(await ask({ type: 'list-accounts' })).toMatchObject({
    ok: true, accounts: [{ kind: 'totp', issuer: 'QR Shop', label: expect.stringContaining('carol@example.com'), digits: 6, period: 30 }],
  });
  expect(await ask({ type: 'get-codes' })).toMatchObject({ ok: true, codes: [{ kind: 'totp', code: expect.stringMatching(/^\d{6}$/) }] });
}

/** What the confirmation shows: the account's type, issuer and name, and not the secret anywhere in the popup. */
function expectConfirmation(seen: { confirm: string; popup: string }): void {
  expect(seen.confirm).toContain('QR Shop');
  expect(seen.confirm).toContain('carol@example.com');
  expect(seen.confirm).toContain('TOTP');
  expect(seen.popup).not.toContain(SECRET);
}

/** Nothing was added: the vault holds no account. */
async function expectNothingImported(ask: (message: { type: string }) => Promise<unknown>): Promise<void> {
  expect(await ask({ type: 'list-accounts' })).toEqual({ ok: true, accounts: [] });
}

/** The page's own record (window.__seen) shows no DOM change and no message; it made no request after loading. */
function expectPageUntouched(seen: unknown, requestsSinceLoad: string[]): void {
  expect(seen).toEqual({ mutations: 0, messages: 0 });
  expect(requestsSinceLoad).toEqual([]);
}

describe('Chromium: scanning the QR code shown on the current tab', () => {
  let session: ChromiumSession;
  let context: BrowserContext;
  let extensionId: string;
  let site: Awaited<ReturnType<typeof startQrSite>>;

  beforeAll(async () => {
    site = await startQrSite();
    session = await launchChromium({ extraArgs: [ACTION_DEBUGGING_FLAG] });
    ({ context, extensionId } = session);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    site?.server.close();
  });

  async function extensionPage(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${POPUP_PATH}`);
    return page;
  }

  it('shows what the page\'s QR code would add, adds nothing on Cancel and the account on Add; the page sees nothing of it', async () => {
    // A vault, unlocked, with no accounts yet (set up from an extension page, as the popup does).
    const setup = await extensionPage();
    expect(await setup.evaluate((pw) => chrome.runtime.sendMessage({ type: 'setup-vault', password: pw }), VAULT_PASSWORD)).toEqual({ ok: true });
    await setup.close();

    // The web page with the QR code, the active tab. Its execution contexts are watched from
    // here: an extension content script would run in an isolated world of the extension's origin.
    const page = await context.newPage();
    const pageCdp = await context.newCDPSession(page);
    const contexts: { origin: string; name: string }[] = [];
    pageCdp.on('Runtime.executionContextCreated', ({ context: c }) => contexts.push({ origin: c.origin, name: c.name }));
    await pageCdp.send('Runtime.enable');
    await page.goto(`${site.origin}/`);
    await page.waitForFunction(() => (document.getElementById('qr') as HTMLImageElement | null)?.complete === true);
    await page.bringToFront();
    const requestsBefore = site.requests.length;

    // Without the click, the extension may not capture this tab. The person clicks the toolbar
    // button on this tab: the popup opens, activeTab is granted.
    const popups: { detach(): Promise<void> }[] = [];
    const openPopup = async () => {
      const popup = await openActionPopup(context, extensionId, `${site.origin}/`);
      popups.push(popup);
      const evaluate = (expression: string) => popup.evaluate(expression);
      await untilReady('the scan button in the popup', async () => ((await evaluate('!!document.querySelector("#scan-tab")')) ? true : undefined));
      return evaluate;
    };
    let inPopup = await openPopup();

    // ... and clicks "Scan" there: the popup shows what the page's QR code would add, and asks.
    const confirmation = async () => untilReady('the confirmation in the popup', async () => {
      const seen = await inPopup(`(() => { const c = document.querySelector("[data-testid=scan-confirm]");
        return c && !c.hidden && c.querySelector("[data-testid=scan-confirm-item]") ? { confirm: c.innerText, popup: document.documentElement.outerHTML + document.body.innerText } : undefined; })()`);
      return (seen ?? undefined) as { confirm: string; popup: string } | undefined;
    }).catch(async (error: Error) => {
      throw new Error(`${error.message}; the popup says: ${String(await inPopup('document.querySelector("#view")?.innerText')).slice(0, 500)}`);
    });
    await inPopup('document.querySelector("#scan-tab").click()');
    expectConfirmation(await confirmation());

    // Cancel adds nothing, and says so.
    await inPopup('document.querySelector("[data-testid=scan-confirm-cancel]").click()');
    await untilReady('the cancelled note', async () => ((await inPopup('document.querySelector("#scan-tab-result")?.innerText')) as string | undefined)?.includes('Nothing was added') || undefined);
    // Asked from an extension page of its own (the popup closes when another page takes the focus).
    const checker = await extensionPage();
    await expectNothingImported((message) => checker.evaluate((m) => chrome.runtime.sendMessage(m), message));
    await checker.close();

    // Back on the QR page: the toolbar button again, "Scan" again, and Add.
    await page.bringToFront();
    inPopup = await openPopup();
    await inPopup('document.querySelector("#scan-tab").click()');
    expectConfirmation(await confirmation());
    await inPopup('document.querySelector("[data-testid=scan-confirm-add]").click()');
    // After an import the popup redraws its list (src/popup/features/scan-tab.ts): the new account
    // is what the person sees. An error would stay in #scan-tab-result instead.
    const row = await untilReady('the scanned account in the popup\'s list', async () => {
      const text = await inPopup('document.querySelector("[data-testid=account-row][data-kind=totp]")?.innerText');
      return typeof text === 'string' ? text : undefined;
    }).catch(async (error: Error) => {
      throw new Error(`${error.message}; the popup says: ${String(await inPopup('document.querySelector("#view")?.innerText')).slice(0, 500)}`);
    });
    expectScannedRow(row);
    const reader = await extensionPage();
    await expectImported((message) => reader.evaluate((m) => chrome.runtime.sendMessage(m), message));
    await reader.close();

    // The page received nothing: no context of the extension's origin was ever created in it,
    // its DOM did not change, no message was posted to it, it made no request after loading.
    expect(contexts.filter((c) => c.origin.startsWith('chrome-extension://'))).toEqual([]);
    expectPageUntouched(await page.evaluate(() => (window as unknown as { __seen: unknown }).__seen), site.requests.slice(requestsBefore));
    for (const popup of popups) await popup.detach().catch(() => undefined);
    await pageCdp.detach();
  }, 90_000);

  it('a page\'s QR code with an HOTP counter past the rule is refused with its reason, and nothing is offered or added', async () => {
    const page = await context.newPage();
    await page.goto(`${site.origin}/hostile/`);
    await page.waitForFunction(() => (document.getElementById('qr') as HTMLImageElement | null)?.complete === true);
    await page.bringToFront();
    const popup = await openActionPopup(context, extensionId, `${site.origin}/hostile`);
    const inPopup = (expression: string) => popup.evaluate(expression);
    await untilReady('the scan button in the popup', async () => ((await inPopup('!!document.querySelector("#scan-tab")')) ? true : undefined));
    await inPopup('document.querySelector("#scan-tab").click()');
    const said = await untilReady('the refusal in the popup', async () => {
      const text = await inPopup('(() => { const r = document.querySelector("#scan-tab-result"); return r && !r.hidden && r.innerText ? r.innerText : undefined; })()');
      return typeof text === 'string' ? text : undefined;
    });
    // The counter rule's own sentence (errorCodeOtpCounterOutOfRange), and no Add to press.
    expect(said).toContain('The HOTP counter must be a whole number from 0 to');
    expect(await inPopup('document.querySelector("[data-testid=scan-confirm]").hidden')).toBe(true);
    expect(await inPopup('document.documentElement.outerHTML.includes(' + JSON.stringify(SECRET) + ')')).toBe(false);
    const reader = await extensionPage();
    const listed = await reader.evaluate(() => chrome.runtime.sendMessage({ type: 'list-accounts' }));
    await reader.close();
    expect(listed.accounts.map((a: { kind: string }) => a.kind)).toEqual(['totp']);
    await popup.detach();
  }, 60_000);
});

describe('Firefox: scanning the QR code shown on the current tab', () => {
  let session: FirefoxSession;
  let site: Awaited<ReturnType<typeof startQrSite>>;

  beforeAll(async () => {
    site = await startQrSite();
    session = await launchFirefox();
  }, 60_000);

  afterAll(async () => {
    await session?.close();
    site?.server.close();
  });

  it('shows what the page\'s QR code would add, adds nothing on Cancel and the account on Add; the page sees nothing of it', async () => {
    const ask = async (message: { type: string }) => {
      const page = await session.openPage(POPUP_PATH);
      try {
        return await page.evaluate((m) => (globalThis as any).browser.runtime.sendMessage(m), message);
      } finally { await page.close(); }
    };
    // A vault, unlocked, with no accounts yet.
    expect(await ask({ type: 'setup-vault', password: VAULT_PASSWORD } as { type: string })).toEqual({ ok: true });

    // The web page with the QR code, the selected tab; no extension script has run in it.
    const page = await session.browser.newPage();
    await page.goto(`${site.origin}/`);
    await page.waitForFunction(() => (document.getElementById('qr') as HTMLImageElement | null)?.complete === true);
    await page.bringToFront();
    const requestsBefore = site.requests.length;
    expect(await contentScriptGlobalsInSelectedTab(session)).toEqual({ href: `${site.origin}/`, globals: 0 });

    // The person clicks the toolbar button on this tab: the popup opens, activeTab is granted;
    // then "Scan" in the popup.
    await clickToolbarButton(session);
    await untilReady('the scan button in the popup', async () => (await inPopup(session, (w) => !!w.document.getElementById('scan-tab'), null)) || undefined);
    const click = (selector: string) => inPopup(session, (w, sel) => { (w.document.querySelector(sel) as HTMLButtonElement).click(); return null; }, selector);
    const confirmation = () => untilReady('the confirmation in the popup', async () =>
      (await inPopup(session, (w) => {
        const c = w.document.querySelector('[data-testid=scan-confirm]') as HTMLElement | null;
        return c && !c.hidden && c.querySelector('[data-testid=scan-confirm-item]')
          ? { confirm: c.textContent ?? '', popup: w.document.documentElement.outerHTML } : null;
      }, null)) ?? undefined,
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}; the popup says: ${String(await inPopup(session, (w) => w.document.getElementById('view')?.textContent ?? '', null)).slice(0, 500)}`);
    });
    // "Scan": what the QR code would add is shown; Cancel adds nothing, and says so.
    await click('#scan-tab');
    expectConfirmation(await confirmation());
    await click('[data-testid=scan-confirm-cancel]');
    await untilReady('the cancelled note', async () =>
      (await inPopup(session, (w) => w.document.getElementById('scan-tab-result')?.textContent ?? '', null)).includes('Nothing was added') || undefined);
    // Asked from an extension page in a tab of its own (which closes the popup, as any tab switch does).
    await expectNothingImported(ask);

    // Back on the QR page: "Scan" again (from the toolbar button again if the popup closed), and Add.
    await page.bringToFront();
    await untilReady('the QR page selected again', async () => (await contentScriptGlobalsInSelectedTab(session)).href === `${site.origin}/` || undefined);
    const popupOpen = await inPopup(session, (w) => !!w.document.getElementById('scan-tab'), null).catch(() => false);
    if (!popupOpen) await clickToolbarButton(session);
    await untilReady('the scan button in the popup', async () => (await inPopup(session, (w) => !!w.document.getElementById('scan-tab'), null)) || undefined);
    await click('#scan-tab');
    expectConfirmation(await confirmation());
    await click('[data-testid=scan-confirm-add]');
    // As in Chromium: the new account in the popup's redrawn list, or the error it shows.
    const row = await untilReady('the scanned account in the popup\'s list', async () =>
      (await inPopup(session, (w) => (w.document.querySelector('[data-testid=account-row][data-kind=totp]') as HTMLElement | null)?.innerText ?? null, null)) ?? undefined,
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}; the popup says: ${String(await inPopup(session, (w) => w.document.getElementById('view')?.textContent ?? '', null)).slice(0, 500)}`);
    });
    expectScannedRow(row);

    // The page received nothing (checked while it is still the selected tab): no content-script
    // global of the extension in its process, no DOM change, no message, no request after loading.
    expect(await contentScriptGlobalsInSelectedTab(session)).toEqual({ href: `${site.origin}/`, globals: 0 });
    expectPageUntouched(await page.evaluate(() => (window as unknown as { __seen: unknown }).__seen), site.requests.slice(requestsBefore));
    await expectImported(ask);
  }, 90_000);
});
