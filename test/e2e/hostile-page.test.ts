/**
 * Hostile input, end to end, in Chromium and Firefox with the packaged extension:
 *
 * - A web page served from 127.0.0.1 tries what a malicious site could: message the extension by
 *   id (the manifest has no externally_connectable), fetch, frame or open its popup and options
 *   pages and manifest (no web_accessible_resources), and read its storage. Every attempt must
 *   fail, nothing the page gathers may hold a secret, and the vault must be exactly as before.
 * - The extension's own page sends malformed requests (unknown type, wrong types, oversize
 *   strings, unknown fields, not an object): each gets {ok:false, error:{code, message}} naming
 *   the field and rule, echoing no value, and storage does not change.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { base32 } from '@scure/base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, launchExtension, OPTIONS_PATH, POPUP_PATH, type ExtensionUnderTest, type ExtPage } from '../../browser-harness/launch';
import { expectNoPlaintextSecrets } from './secret-scan';
import { setUpVault } from '../../browser-harness/steps';
import { sendToBackground } from '../../browser-harness/extension-api';
import { readVaultAccounts } from './vault-reader';

const VAULT_PASSWORD = `vault-${randomBytes(6).toString('hex')}`;
const TOTP_SECRET = base32.encode(randomBytes(20)).replace(/=+$/, '');
const SECRETS = { vaultPassword: VAULT_PASSWORD, totpSecret: TOTP_SECRET };

interface HostileSite { url: string; close(): Promise<void> }

/** An ordinary web page on 127.0.0.1 (random port); the attacks run in it as its own script would. */
async function startHostileSite(): Promise<HostileSite> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><meta charset="utf-8"><title>Totally harmless page</title><h1>Hello</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}


for (const browserName of ['chromium', 'firefox'] as const) {
  describe(`${browserName}: hostile pages and malformed requests change nothing`, () => {
    let site: HostileSite | undefined;
    let ext: ExtensionUnderTest | undefined;
    const pages: ExtPage[] = [];
    let before: Awaited<ReturnType<ExtensionUnderTest['dumpStorage']>>;

    const track = (page: ExtPage) => { pages.push(page); return page; };
    const browser = () => ext!;

    beforeAll(async () => {
      site = await startHostileSite();
      ext = await launchExtension(browserName);
      await setUpVault(ext, VAULT_PASSWORD);
      const options = track(await ext.openPage(OPTIONS_PATH));
      const added = await sendToBackground(options, {
        type: 'add-account',
        account: { kind: 'totp', label: 'Hostile target', issuer: 'E2E', secret: TOTP_SECRET, algorithm: 'SHA1', digits: 6, period: 30 },
      });
      expect(added, 'the account the attacks aim at').toMatchObject({ ok: true });
      await options.close();
      pages.splice(pages.indexOf(options), 1);
      before = await ext.dumpStorage();
    });

    afterAll(async () => {
      await cleanUp([
        ...pages.map((page) => () => page.close().catch(() => {})),
        () => ext?.close(),
        () => site?.close(),
      ]);
    });

    it('a web page cannot message the extension, by id or without', async () => {
      const page = track(await browser().openUrl(site!.url));
      const attempts = await page.evaluateWith(async (id) => {
        const g = globalThis as any;
        const runtime = g.browser?.runtime ?? g.chrome?.runtime;
        const out: Record<string, string> = { runtimeInPage: typeof runtime?.sendMessage };
        for (const [name, message] of [['status', { type: 'status' }], ['list-accounts', { type: 'list-accounts' }], ['export-backup', { type: 'export-backup', password: 'attacker-chosen-1' }]] as const) {
          if (typeof runtime?.sendMessage !== 'function') { out[name] = 'unavailable'; continue; }
          try {
            out[name] = `answered: ${JSON.stringify(await runtime.sendMessage(id, message))}`;
          } catch (error) {
            out[name] = `rejected: ${(error as Error).message}`;
          }
        }
        if (typeof runtime?.connect === 'function') {
          try { runtime.connect(id); out.connect = 'connected'; } catch (error) { out.connect = `rejected: ${(error as Error).message}`; }
        }
        return out;
      }, browser().extensionId);
      for (const [name, outcome] of Object.entries(attempts)) {
        if (name === 'runtimeInPage' || name === 'connect') continue;
        expect(outcome, `sendMessage(${name}) from the web page`).toMatch(/^(unavailable|rejected: )/);
      }
      expect(attempts.connect ?? 'unavailable', 'runtime.connect from the web page').not.toBe('connected');
      expectNoPlaintextSecrets(attempts, SECRETS);
    });

    it('a web page cannot fetch, frame or open the popup, the options page or the manifest', async () => {
      const page = track(await browser().openUrl(site!.url));
      const targets = [POPUP_PATH, OPTIONS_PATH, 'manifest.json'].map((path) => `${browser().extensionOrigin}/${path}`);
      const fetched = await page.evaluateWith(async (urls) => {
        const out: Record<string, string> = {};
        for (const url of urls) {
          try {
            const response = await fetch(url);
            out[url] = `status ${response.status}: ${(await response.text()).slice(0, 200)}`;
          } catch (error) {
            out[url] = `blocked: ${(error as Error).name}`;
          }
        }
        // Frame each target; a frame's load event fires for an error page too, so wait for it (or 3 s).
        await Promise.all(urls.map((url) => new Promise<void>((resolve) => {
          const frame = document.createElement('iframe');
          frame.src = url;
          frame.onload = () => resolve();
          setTimeout(resolve, 3000);
          document.body.append(frame);
        })));
        return out;
      }, targets);
      for (const url of targets) expect(fetched[url], `fetch(${url}) from the web page`).toMatch(/^blocked: TypeError/);
      expectNoPlaintextSecrets(fetched, SECRETS);

      // The frames did not become the extension's pages (the driver sees through the cross-origin wall).
      // Chromium shows its error page in each frame (chrome-error://), Firefox leaves them about:blank.
      const frames = await page.frameUrls();
      expect(frames, 'the frames the web page made').toHaveLength(targets.length);
      for (const url of frames) expect(url, 'a frame the web page made').toMatch(/^(chrome-error:|about:blank)/);

      // Opening them in a window (a top-level navigation from the page): Firefox refuses at once
      // (window.open throws "Access … denied"); Chromium opens a tab on its own error page.
      await page.evaluateWith((urls) => {
        for (const url of urls.slice(0, 2)) try { window.open(url, '_blank'); } catch { /* refused: what we want */ }
      }, targets);
      await new Promise((resolve) => setTimeout(resolve, 1500));

      // Seen from inside the extension (extension.getViews lists its documents in tabs and frames,
      // the background excepted): the only one is the page asking, so nothing the web page framed
      // or opened became the popup or options page.
      const inspector = await browser().openPage(OPTIONS_PATH);
      try {
        const views = await inspector.evaluate(() => {
          const api = (globalThis as any).browser ?? (globalThis as any).chrome;
          return (api.extension.getViews() as Window[]).map((w) => w.location.pathname).filter((path) => !path.includes('_generated_background_page'));
        });
        expect(views, 'the extension\'s open pages').toEqual([`/${OPTIONS_PATH}`]);
      } finally {
        await inspector.close();
      }
    });

    it('a web page cannot read the extension\'s storage', async () => {
      const page = track(await browser().openUrl(site!.url));
      const seen = await page.evaluate(async () => {
        const g = globalThis as any;
        const storage = g.browser?.storage ?? g.chrome?.storage;
        const own: Record<string, unknown> = {
          extensionStorageApi: typeof storage,
          localStorage: Object.fromEntries(Object.entries(localStorage)),
          sessionStorage: Object.fromEntries(Object.entries(sessionStorage)),
          indexedDB: (await indexedDB.databases()).map((d) => d.name),
        };
        if (storage?.local?.get) {
          try { own.local = await storage.local.get(null); } catch (error) { own.local = `rejected: ${(error as Error).message}`; }
        }
        return own;
      });
      expect(seen.extensionStorageApi, 'browser.storage / chrome.storage in a web page').toBe('undefined');
      expect(seen).toMatchObject({ localStorage: {}, sessionStorage: {}, indexedDB: [] });
      expectNoPlaintextSecrets(seen, SECRETS);
    });

    it('malformed requests from an extension page get a specific invalid-request error and change nothing', async () => {
      const page = track(await browser().openPage(POPUP_PATH));
      const oversize = 'A'.repeat(8 * 1024 * 1024 + 1);
      // Values sent below that must never come back in an error message.
      const ECHO_MARKERS = ['hunter2', 'drop-all-tables', '../../vault', 'AAAAAAAAAAAA', 'LLLLLLLLLLLL', 'pppppppppppp', TOTP_SECRET];
      const cases: [what: string, message: unknown, expected: RegExp][] = [
        ['not an object', 42, /^invalid request at \(message\): expected Object/],
        ['a bare string', 'status', /^invalid request at \(message\): expected Object/],
        ['no type', {}, /^invalid request at type: expected /],
        ['an unknown type', { type: 'drop-all-tables' }, /^invalid request at type: expected /],
        ['a password of the wrong type (an array)', { type: 'unlock', password: ['hunter2-not-echoed'] }, /^invalid request at password: expected string/],
        ['a number where an id goes', { type: 'delete-account', id: 7 }, /^invalid request at id: expected string/],
        ['an id outside its alphabet', { type: 'delete-account', id: '../../vault' }, /^invalid request at id: /],
        ['an unknown field (lock must not happen)', { type: 'lock', everything: true }, /^invalid request at everything: unknown field/],
        ['an oversize label', { type: 'add-account', account: { kind: 'totp', label: 'L'.repeat(201), secret: TOTP_SECRET, algorithm: 'SHA1', digits: 6, period: 30 } },
          /^invalid request at account\.label: expected <=200/],
        ['oversize import data (8 MiB + 1)', { type: 'import', data: oversize }, /^invalid request at data: expected <=8388608/],
        ['an oversize vault password', { type: 'unlock', password: 'p'.repeat(1025) }, /^invalid request at password: expected <=1024/],
        ['digits out of range', { type: 'add-account', account: { kind: 'totp', label: 'x', secret: TOTP_SECRET, algorithm: 'SHA1', digits: 99, period: 30 } },
          /^invalid request at account\.digits: expected <=8/],
        ['settings of the wrong type', { type: 'set-settings', settings: { autoLockMinutes: '0' } }, /^invalid request at settings\.autoLockMinutes: expected number/],
      ];
      for (const [what, message, expected] of cases) {
        const answer = await sendToBackground(page, message);
        expect(answer, what).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
        expect(answer.error.message, what).toMatch(expected);
        for (const sent of ECHO_MARKERS) expect(answer.error.message, `${what}: no value echoed`).not.toContain(sent);
      }
      const status = await sendToBackground(page, { type: 'status' });
      expect(status, 'the vault is still unlocked and initialised').toMatchObject({ ok: true, initialized: true, locked: false });
    });

    it('after all of it the vault and every storage area are exactly as before', async () => {
      const after = await browser().dumpStorage();
      expect(after).toEqual(before);
      expectNoPlaintextSecrets(after, SECRETS);
      const accounts = await readVaultAccounts(after, VAULT_PASSWORD);
      expect(accounts).toHaveLength(1);
      expect(accounts[0]).toMatchObject({ kind: 'totp', label: 'Hostile target', secret: TOTP_SECRET });
    });
  });
}
