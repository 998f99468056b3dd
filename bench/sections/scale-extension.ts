/**
 * Cost as the vault grows: the packaged extension in Chromium (real vault, real service worker)
 * with 10, 100 and 1 000 TOTP accounts. For each size: popup opened → first code on screen, the
 * worker's JS heap after a full GC, one `get-codes` and one `list-accounts` round trip (what the
 * popup sends when it opens, and `get-codes` again whenever a code expires), backup export, and
 * backup import (a restore into a fresh vault in a second, new profile: every account added).
 *
 * Accounts are seeded the way a person would bring many: `import` requests of otpauth:// lines
 * through the real message API, each within IMPORT_LIMITS.entries, growing one vault from 10 to
 * 100 to 1 000. The growth columns compare neighbouring sizes: ×10 accounts costing ×10 is
 * linear; more is the growth issue 8 item 10 asks to find and fix.
 */
import { randomBytes } from 'node:crypto';
import type { CDPSession } from 'playwright-core';
import { chromiumUnderTest, cleanUp, launchChromium, POPUP_PATH, type ChromiumSession, type ExtPage } from '../../browser-harness/launch';
import { setUpVault } from '../../browser-harness/steps';
import { IMPORT_LIMITS } from '../../src/otp/limits';
import { base32 } from '@scure/base';
import { printGrowthTable, type GrowthRow } from './scale/growth-table';
import { median } from './table';
import { workerHeap } from './memory/extension-heap';

const SIZES = [10, 100, 1000];
const RUNS = 5;
const VAULT_PASSWORD = 'bench scale vault password';
const BACKUP_PASSWORD = 'bench scale backup password';
const FIRST_CODE = '[data-testid=code][data-code]';

/** `count` otpauth lines with distinct random secrets (the vault skips an account whose secret it holds). */
function otpauthLines(from: number, count: number): string {
  const lines: string[] = [];
  for (let i = from; i < from + count; i++) {
    const n = String(i).padStart(4, '0');
    lines.push(`otpauth://totp/Scale:user${n}@example.com?secret=${base32.encode(randomBytes(20))}&issuer=Scale`);
  }
  return lines.join('\n');
}

/** One message to the background from an extension page, timed there; throws on `ok: false`. */
async function timedRequest(page: ExtPage, request: Record<string, unknown>): Promise<{ ms: number; answer: any }> {
  const out = await page.evaluateWith(async (req) => {
    const t0 = performance.now();
    const answer = await chrome.runtime.sendMessage(req);
    return { ms: performance.now() - t0, answer };
  }, request);
  if (!out.answer?.ok) throw new Error(`${String(request.type)} failed: ${JSON.stringify(out.answer?.error)}`);
  return out;
}

async function seed(page: ExtPage, from: number, to: number): Promise<void> {
  for (let at = from; at < to; at += IMPORT_LIMITS.entries) {
    const count = Math.min(IMPORT_LIMITS.entries, to - at);
    const { answer } = await timedRequest(page, { type: 'import', format: 'otpauth', data: otpauthLines(at, count) });
    if (answer.added !== count) throw new Error(`seeding added ${answer.added} of ${count} accounts`);
  }
}

/** ms from the popup's navigation start to the first code on screen, over fresh popups. */
async function firstCodeTimes(s: ChromiumSession): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const p = await s.context.newPage();
    try {
      // The observer is installed before any page script runs, so it sees the first code appear.
      await p.addInitScript(() => {
        const observer = new MutationObserver(() => {
          if (!document.querySelector('[data-testid=code][data-code]')) return;
          observer.disconnect();
          performance.mark('first-code');
        });
        observer.observe(document, { subtree: true, childList: true, attributes: true });
      });
      await p.goto(`chrome-extension://${s.extensionId}/${POPUP_PATH}`);
      await p.waitForSelector(FIRST_CODE, { timeout: 60_000 });
      out.push(await p.evaluate(() => performance.getEntriesByName('first-code')[0]?.startTime ?? NaN));
    } finally {
      await p.close();
    }
  }
  return out;
}

interface SizeResult {
  firstCodeMs: number;
  workerLiveBytes: number;
  getCodesMs: number;
  listAccountsMs: number;
  exportMs: number;
  backupBytes: number;
  restoreMs: number;
}

async function restoreInFreshProfile(file: string, accounts: number): Promise<number> {
  const s = await launchChromium();
  try {
    const ext = chromiumUnderTest(s);
    await setUpVault(ext, VAULT_PASSWORD);
    const page = await ext.openPage(POPUP_PATH);
    try {
      const { ms, answer } = await timedRequest(page, { type: 'import', format: 'backup', data: file, password: BACKUP_PASSWORD });
      if (answer.added !== accounts) throw new Error(`the restore added ${answer.added} of ${accounts} accounts`);
      return ms;
    } finally {
      await page.close();
    }
  } finally {
    await s.close();
  }
}

export async function run(): Promise<void> {
  let session: ChromiumSession | undefined;
  let browserCdp: CDPSession | undefined;
  const results: SizeResult[] = [];
  try {
    session = await launchChromium();
    const s = session;
    const browser = s.context.browser();
    if (!browser) throw new Error('Playwright gave no Browser for the persistent context, so the worker cannot be reached over CDP');
    browserCdp = await browser.newBrowserCDPSession();
    const ext = chromiumUnderTest(s);
    await setUpVault(ext, VAULT_PASSWORD);
    let held = 0;
    for (const size of SIZES) {
      const page = await ext.openPage(POPUP_PATH);
      let getCodes: number[];
      let listAccounts: number[];
      let exportMs: number[];
      let file = '';
      try {
        await seed(page, held, size);
        held = size;
        getCodes = [];
        listAccounts = [];
        exportMs = [];
        for (let i = 0; i < RUNS; i++) {
          const codes = await timedRequest(page, { type: 'get-codes' });
          if (codes.answer.codes.length !== size) throw new Error(`get-codes gave ${codes.answer.codes.length} codes for ${size} accounts`);
          getCodes.push(codes.ms);
          listAccounts.push((await timedRequest(page, { type: 'list-accounts' })).ms);
        }
        for (let i = 0; i < 3; i++) {
          const exported = await timedRequest(page, { type: 'export-backup', password: BACKUP_PASSWORD });
          exportMs.push(exported.ms);
          file = exported.answer.file as string;
        }
      } finally {
        await page.close();
      }
      // The worker right after answering get-codes once more, then a full GC: what it keeps.
      const probe = await ext.openPage(POPUP_PATH);
      await timedRequest(probe, { type: 'get-codes' });
      const heap = await workerHeap(browserCdp, s.extensionId);
      await probe.close();
      const firstCode = await firstCodeTimes(s);
      results.push({
        firstCodeMs: median(firstCode),
        workerLiveBytes: heap.live,
        getCodesMs: median(getCodes),
        listAccountsMs: median(listAccounts),
        exportMs: median(exportMs),
        backupBytes: file.length,
        restoreMs: await restoreInFreshProfile(file, size),
      });
    }
  } finally {
    await cleanUp([() => browserCdp?.detach(), () => session?.close()]);
  }
  const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const rows: GrowthRow[] = [
    { measure: 'popup opened → first code (median)', values: results.map((r) => r.firstCodeMs), format: ms },
    { measure: 'get-codes round trip: one refresh of all codes (median)', values: results.map((r) => r.getCodesMs), format: ms },
    { measure: 'list-accounts round trip (median)', values: results.map((r) => r.listAccountsMs), format: ms },
    { measure: 'worker JS heap after get-codes and a full GC', values: results.map((r) => r.workerLiveBytes), format: kib },
    { measure: 'backup export (median of 3; PBKDF2 600 000 included)', values: results.map((r) => r.exportMs), format: ms },
    { measure: 'backup file size', values: results.map((r) => r.backupBytes), format: kib },
    { measure: 'backup import into a fresh vault (PBKDF2 included)', values: results.map((r) => r.restoreMs), format: ms },
  ];
  printGrowthTable(`Cost as the vault grows (Chromium, packaged extension; medians of ${RUNS} unless said)`, 'accounts', SIZES, rows);
}
