/**
 * Memory: this project's protocol client next to the official ones in node, and the packaged
 * extension's heap in Chromium. Prints tables with ratios; never asserts.
 *
 *   (a) bytes allocated per SRP client step (SRP_A; PASSWORD_CLAIM_SIGNATURE once B is known):
 *       heap growth with no GC inside the sample, in a child node (memory/allocation-probe.ts
 *       explains the method);
 *   (b) V8 heap each library keeps after its module graph is loaded, and after one sign-in's SRP
 *       work, one fresh child node per measurement (memory/module-load.ts);
 *   (c) the extension in Chromium: the service worker after start and after one sign-in against
 *       the local user pool, the popup once it shows its first code (memory/extension-heap.ts).
 *
 * Amazon's clients are amazon-cognito-identity-js, cognito-srp-helper (SRP maths for the AWS SDK)
 * and Amplify v6 (its internal SRP helper for (a), `aws-amplify` + `aws-amplify/auth` for (b)).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureAllocation } from './memory/allocation';
import { measureExtensionHeap, type HeapReading } from './memory/extension-heap';
import { measureModuleLoad } from './memory/module-load';
import { serverValues } from './memory/srp-steps';
import { kib, median, printTable, ratio } from './table';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Child processes per library for (b); browser runs for (c). */
const LOAD_RUNS = 3;
const BROWSER_RUNS = 5;

async function allocationTables(): Promise<void> {
  const probe = await measureAllocation(root);
  // The measuring's own cost: the smallest empty-step sample (later ones have no JIT work left).
  const ownHeap = Math.min(...probe.overhead.map((s) => s.heap));
  const ownBuffers = Math.min(...probe.overhead.map((s) => s.arrayBuffers));
  for (const step of ['srpA', 'claim'] as const) {
    const rows = probe.libraries.map((lib) => {
      const total = lib[step].map((s) => s.heap - ownHeap + s.arrayBuffers - ownBuffers);
      return { name: lib.name, total, offHeap: lib[step].map((s) => s.arrayBuffers - ownBuffers), dropped: lib.dropped };
    });
    const ours = median(rows[0]!.total);
    printTable(
      step === 'srpA'
        ? '(a1) KiB allocated per SRP_A (a, A = g^a mod N), node, warmed up'
        : '(a2) KiB allocated per PASSWORD_CLAIM_SIGNATURE once B arrives (u, x, S, HKDF, HMAC), node, warmed up',
      ['implementation', 'median KiB', 'min–max KiB', 'of which ArrayBuffer KiB', 'samples', '÷ this project'],
      rows.map((r) => [
        r.name,
        kib(median(r.total)),
        `${kib(Math.min(...r.total))}–${kib(Math.max(...r.total))}`,
        kib(median(r.offHeap)),
        String(r.total.length),
        ratio(median(r.total), ours),
      ]),
    );
  }
  const dropped = probe.libraries.reduce((n, l) => n + l.dropped, 0);
  console.log(`    heap growth (all V8 spaces but code) + ArrayBuffer stores per call, no GC inside a sample${dropped ? ` (${dropped} samples with a GC dropped)` : ''}`);
  // Why the ratios are what they are, so nobody has to rediscover it from the numbers.
  console.log('    BigInt values are immutable, so every square and reduction of a modexp allocates new ones (short-lived garbage, swept by');
  console.log('    scavenges); jsbn (the three others) squares and multiplies in place in arrays it allocated once.');
}

async function moduleLoadTable(): Promise<void> {
  const results = await measureModuleLoad(root, serverValues(), LOAD_RUNS);
  const oursImported = median(results[0]!.imported);
  const oursUsed = median(results[0]!.afterUse);
  printTable(
    '(b) V8 heap kept by each library in node (after full GC, minus the same process before the import)',
    ['library', 'loaded KiB', '÷ this project', 'after one SRP sign-in KiB', '÷ this project', 'processes'],
    results.map((r) => [
      r.name,
      kib(median(r.imported)),
      ratio(median(r.imported), oursImported),
      kib(median(r.afterUse)),
      ratio(median(r.afterUse), oursUsed),
      String(r.imported.length),
    ]),
  );
  console.log('    "after one SRP sign-in": SRP_A + PASSWORD_CLAIM_SIGNATURE done and their results dropped; what stays is the library\'s own (tables, caches, compiled code)');
}

function medianReading(readings: HeapReading[]): HeapReading {
  return {
    used: median(readings.map((r) => r.used)),
    live: median(readings.map((r) => r.live)),
    embedderLive: median(readings.map((r) => r.embedderLive)),
  };
}

async function extensionTable(): Promise<void> {
  const heap = await measureExtensionHeap(BROWSER_RUNS);
  const started = medianReading(heap.workerStarted);
  const signedIn = medianReading(heap.workerSignedIn);
  const popup = medianReading(heap.popup);
  const blank = medianReading(heap.blankPage);
  const row = (name: string, r: HeapReading, n: number, of: HeapReading, reference: string) =>
    [name, kib(r.live), kib(r.used), kib(r.embedderLive), String(n), ratio(r.live, of.live), reference];
  printTable(
    '(c) The packaged extension in Chromium: JS heap per target (Runtime.getHeapUsage, medians)',
    ['target', 'live KiB (after GC)', 'as found KiB', 'Blink heap KiB', 'runs', 'live ÷ reference', 'reference'],
    [
      row('service worker, just started', started, heap.workerStarted.length, started, 'itself'),
      row('service worker, after one SRP sign-in', signedIn, heap.workerSignedIn.length, started, 'worker just started'),
      row('popup, first code shown', popup, heap.popup.length, blank, 'about:blank tab'),
      row('about:blank tab', blank, heap.blankPage.length, blank, 'itself'),
    ],
  );
}

export async function run(): Promise<void> {
  await allocationTables();
  await moduleLoadTable();
  await extensionTable();
}
