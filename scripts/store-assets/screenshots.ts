/**
 * The store listing images, made from the running extension so they stay current:
 *   npm run package && npx tsx scripts/store-assets/screenshots.ts
 * It runs the headless demo (scripts/demo/headless-tour.ts: the local pool, the packaged
 * extension in Chromium, the real popup and options page) and the Amplify demo app's steps
 * (scripts/demo/demo-app.ts: the code filled into the app's own page; needs
 * `npm run build:web-apps`), then lays its screenshots out on
 * 1280x800 canvases (the size both stores take) with one caption each, and draws the 440x280
 * small promo tile (Chrome Web Store) from the icon. Output: docs/store/screenshots/*.png,
 * committed; test/unit/store-ready.test.ts checks their sizes. The captions are listing text,
 * in English like docs/store/*.md, not extension UI.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromiumDemo } from '../demo/chromium.ts';
import { runAppTour, startDemoApp } from '../demo/demo-app.ts';
import { demoPoolFromSeed } from '../demo/demo-users.ts';
import { runHeadlessTour } from '../demo/headless-tour.ts';
import { ScreenshotRecorder } from '../demo/screenshots.ts';
import { poolAcceptsTotp, startDemoPool } from '../demo/start-pool.ts';

const root = resolve(import.meta.dirname, '../..');
const OUT = join(root, 'docs/store/screenshots');
export const SCREENSHOT_SIZE = { width: 1280, height: 800 };
export const TILE_SIZE = { width: 440, height: 280 };

/** Each listing screenshot: a demo step (by the end of its file name) and its caption. */
const SHOTS = [
  { file: '1-codes.png', from: 'codes-for-all-three-accounts.png', title: 'Your codes, one click to copy', text: 'Time-based codes for every account, kept encrypted in your browser.' },
  { file: '2-signed-in.png', from: 'demo-totp-signed-in.png', title: 'Signs you in to Amazon Cognito', text: 'Password, authenticator code and remembered device answered for you.' },
  { file: '3-set-up-mfa.png', from: 'demo-setup-consent-to-set-up-mfa.png', title: 'Sets up two-step sign-in', text: 'Asks you once, then becomes the authenticator for the account.' },
  { file: '4-options.png', from: 'three-demo-accounts-in-the-options-page.png', title: 'Your accounts, your settings', text: 'Add accounts from a link, a QR code or an export; back up encrypted.' },
  { file: '5-create-vault.png', from: 'create-the-vault.png', title: 'One password protects everything', text: 'Secrets are encrypted with AES-256 under your vault password.' },
  { file: '6-code-fill.png', from: 'app-the-totp-code-filled-by-the-extension.png', title: "Fills the code on the app's own page", text: 'Only on the sites you choose; the page gets the code, never the secret.' },
];

const BRAND = '#1557c7';

function dataUrl(path: string): string {
  return `data:image/png;base64,${readFileSync(path).toString('base64')}`;
}

function screenshotHtml(image: string, title: string, text: string): string {
  return `<!doctype html><html><head><style>
    html, body { margin: 0; width: ${SCREENSHOT_SIZE.width}px; height: ${SCREENSHOT_SIZE.height}px; }
    body { display: flex; align-items: center; gap: 64px; padding: 0 72px; box-sizing: border-box;
      background: linear-gradient(135deg, #0f3f94, ${BRAND} 55%, #3b82f6); color: #fff;
      font-family: system-ui, "Segoe UI", Roboto, sans-serif; }
    .words { flex: 1; }
    h1 { font-size: 52px; line-height: 1.1; margin: 0 0 24px; }
    p { font-size: 26px; line-height: 1.4; margin: 0; opacity: .95; }
    .shot { flex: none; max-width: 640px; max-height: 700px; border-radius: 12px; background: #fff;
      box-shadow: 0 24px 60px rgba(0,0,0,.35); object-fit: contain; object-position: top; }
  </style></head><body>
    <div class="words"><h1>${title}</h1><p>${text}</p></div>
    <img class="shot" src="${image}">
  </body></html>`;
}

function tileHtml(icon: string): string {
  return `<!doctype html><html><head><style>
    html, body { margin: 0; width: ${TILE_SIZE.width}px; height: ${TILE_SIZE.height}px; }
    body { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 14px;
      background: linear-gradient(135deg, #0f3f94, ${BRAND} 60%, #3b82f6); color: #fff; text-align: center;
      font-family: system-ui, "Segoe UI", Roboto, sans-serif; }
    img { width: 96px; height: 96px; }
    h1 { font-size: 30px; margin: 0; line-height: 1.15; }
    p { font-size: 17px; margin: 0; opacity: .95; }
  </style></head><body>
    <img src="${icon}"><h1>Authenticator<br>for Amazon Cognito</h1><p>Codes and sign-ins, encrypted in your browser</p>
  </body></html>`;
}

async function render(page: Page, html: string, size: { width: number; height: number }, out: string): Promise<void> {
  await page.setViewportSize(size);
  await page.setContent(html, { waitUntil: 'load' });
  await page.screenshot({ path: out, clip: { x: 0, y: 0, ...size } });
  console.log(`wrote ${out}`);
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'cogauth-store-shots-'));
  const pool = await startDemoPool(9329);
  const demo = demoPoolFromSeed();
  const app = await startDemoApp(demo, pool.endpoint);
  const browser = await launchChromiumDemo(false);
  try {
    await browser.grantLocalPoolAccess();
    const shots = new ScreenshotRecorder(scratch);
    await runHeadlessTour({
      browser, shots, endpoint: pool.endpoint, pool: demo, log: (line) => console.log(line),
      poolAcceptsTotp: (username, code) => poolAcceptsTotp(pool, demo.userPoolId, username, code),
    });
    await runAppTour({ browser, shots, app, pool: demo, log: (line) => console.log(line) });
    const taken = readdirSync(scratch);
    const page = await browser.session.context.newPage();
    for (const shot of SHOTS) {
      const source = taken.find((name) => name.endsWith(`-${shot.from}`));
      if (!source) throw new Error(`the demo took no screenshot named *-${shot.from} (it took: ${taken.join(', ')})`);
      await render(page, screenshotHtml(dataUrl(join(scratch, source)), shot.title, shot.text), SCREENSHOT_SIZE, join(OUT, shot.file));
    }
    await render(page, tileHtml(dataUrl(join(root, 'public/icons/icon-128.png'))), TILE_SIZE, join(OUT, 'tile-440x280.png'));
  } finally {
    await browser.close().catch(() => {});
    await app.close();
    await pool.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
