/**
 * What the packaged extension costs a person: download size of the background worker and of the
 * popup (dist/chrome, each file gzipped at level 9 as a store or a browser cache would see it,
 * summed over the file and everything it imports), how long a stopped worker takes to start and
 * answer its first message, and how long the popup takes from navigation to showing the first
 * code. Medians over several runs; Chromium for everything, Firefox for the popup (its event page
 * only stops after an idle timeout, which makes cold starts too slow to repeat here).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, launchExtension, POPUP_PATH, type ExtensionUnderTest, type ExtPage } from '../../browser-harness/launch';
import { setUpVault } from '../../browser-harness/steps';
import { chromeWorkerFiles, closure, sizes } from './size/dist-closure';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist', 'chrome');
const RUNS = 7;
/** A fixed RFC 6238 test secret: the bench only needs some TOTP account to show. */
const BENCH_URI = 'otpauth://totp/Bench:bench@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bench';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

/** ms from the popup's navigation start to the first code on screen. */
async function popupToFirstCode(page: ExtPage): Promise<number> {
  // No named helpers inside: tsx (esbuild keepNames) would wrap them in a __name() the page lacks.
  return page.evaluate(() => new Promise<number>((resolve) => {
    if (document.querySelector('[data-testid=code][data-code]')) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[data-testid=code][data-code]')) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
  }));
}

async function prepareVault(ext: ExtensionUnderTest): Promise<void> {
  await setUpVault(ext, 'bench vault password');
  const page = await ext.openPage(POPUP_PATH);
  const answer = await page.evaluateWith((uri) => ((globalThis as any).browser ?? (globalThis as any).chrome).runtime.sendMessage(
    { type: 'import', data: uri }), BENCH_URI);
  if (!answer?.ok) throw new Error(`importing the bench account failed: ${JSON.stringify(answer?.error)}`);
  await page.close();
}

async function popupTimings(ext: ExtensionUnderTest): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await ext.openPage(POPUP_PATH);
    out.push(await popupToFirstCode(page));
    await page.close();
  }
  return out;
}

/** Chromium: stop every service worker, then time a `status` round trip, which starts ours. */
async function coldStarts(): Promise<number[]> {
  const s = await launchChromium();
  try {
    const page = await s.openPage(POPUP_PATH);
    const out: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await s.stopServiceWorkers(page);
      await new Promise((r) => setTimeout(r, 300));
      out.push(await page.evaluate(async () => {
        const t0 = performance.now();
        const answer = await chrome.runtime.sendMessage({ type: 'status' });
        if (!answer?.ok) throw new Error('status was not answered');
        return performance.now() - t0;
      }));
    }
    return out;
  } finally {
    await s.close();
  }
}

export async function run(): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { action: { default_popup: string } };
  const worker = chromeWorkerFiles(dist);
  const popup = closure(dist, [join(dist, manifest.action.default_popup)]);
  const rows: [string, string, string][] = [];
  const w = sizes(worker);
  const p = sizes(popup);
  rows.push(['worker bundle (gzip / raw)', kb(w.gzip), `${kb(w.raw)} raw, ${worker.length} files`]);
  rows.push(['popup bundle (gzip / raw)', kb(p.gzip), `${kb(p.raw)} raw: ${popup.map((f) => relative(dist, f)).join(', ')}`]);

  const cold = await coldStarts();
  rows.push(['chromium: stopped worker → first answer (median)', ms(median(cold)), `min ${ms(Math.min(...cold))}, max ${ms(Math.max(...cold))}, n=${RUNS}`]);

  for (const browserName of ['chromium', 'firefox'] as const) {
    const ext = await launchExtension(browserName);
    try {
      await prepareVault(ext);
      const times = await popupTimings(ext);
      rows.push([`${browserName}: popup opened → first code (median)`, ms(median(times)), `min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}, n=${RUNS}`]);
    } finally {
      await ext.close();
    }
  }

  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`${'measure'.padEnd(width)}  value       detail`);
  for (const [name, value, detail] of rows) console.log(`${name.padEnd(width)}  ${value.padEnd(10)}  ${detail}`);
}
