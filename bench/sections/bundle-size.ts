/**
 * What the protocol core costs in download size, next to what Amplify v6 would cost for the same
 * job (signIn, confirmSignIn, rememberDevice from `aws-amplify/auth`). Both are bundled by esbuild
 * with identical settings (browser, ESM, ES2022, minified, tree-shaken) and gzipped at level 9.
 *
 * Then issue 8's size report: the core and the Chrome worker (dist/chrome, as the extension
 * section counts it; `npm run bench` builds first) before the issue and now, against the targets,
 * and what each module contributes (esbuild's metafile: minified bytes in the output). The
 * worker's breakdown bundles src/background/service-worker.ts with esbuild, which splits and
 * minifies a little differently from the Vite build: its shares, not its total, are the point.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { chromeWorkerFiles, sizes } from './size/dist-closure';
import { printTable } from './table';

/**
 * The sizes issue 8 started from, measured at commit e7c7858 with this section's own method
 * (gzip -9): the core's bundle as below, Amplify's for the same job, and the Chrome worker with
 * everything it imports (dist/chrome of a `vite build` of that commit). The issue's text quotes
 * 26.9 KiB and 53 KiB, figures from before the hardening work; at e7c7858 the same measurement
 * gives these.
 */
const BEFORE_ISSUE_8 = { core: 32_077, amplify: 36.4 * 1024, worker: 65_783 } as const;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The crypto modules alone: SRP, SECRET_HASH, TIMESTAMP, clock. */
function cryptoEntry(): { label: string; contents: string } {
  const modules = [
    'src/cognito/srp/ephemeral',
    'src/cognito/srp/password-claim',
    'src/cognito/srp/device-verifier',
    'src/cognito/secret-hash',
    'src/cognito/timestamp',
    'src/cognito/clock',
  ];
  return {
    label: 'srp + secret-hash + timestamp + clock modules',
    contents: modules.map((m) => `export * from './${m}';`).join('\n'),
  };
}

/** The core's public entry once it exists; before that, the crypto modules. */
function coreEntry(): { label: string; contents: string } {
  if (existsSync(join(root, 'src/cognito/index.ts'))) {
    return { label: 'src/cognito/index.ts', contents: "export * from './src/cognito/index';" };
  }
  return cryptoEntry();
}

async function bundle(contents: string): Promise<{ raw: number; gzip: number; metafile: Metafile }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts' },
    metafile: true,
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = result.outputFiles[0]!.contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length, metafile: result.metafile };
}

/** A package (node_modules/<name> or <@scope/name>) counts as one; a source file as itself. */
function moduleOf(input: string): string {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return input;
  return parts.slice(at + 1, at + (parts[at + 1]!.startsWith('@') ? 3 : 2)).join('/');
}

/** Minified bytes each module puts into the bundle, largest first; the rest summed in one row. */
function printShares(title: string, metafile: Metafile, top: number): void {
  const output = Object.values(metafile.outputs)[0]!;
  const byModule = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    byModule.set(moduleOf(input), (byModule.get(moduleOf(input)) ?? 0) + bytesInOutput);
  }
  const total = [...byModule.values()].reduce((a, b) => a + b, 0);
  const sorted = [...byModule].sort((a, b) => b[1] - a[1]);
  const rows = sorted.slice(0, top).map(([name, bytes]) => [name, kb(bytes), `${((bytes / total) * 100).toFixed(1)} %`]);
  const rest = sorted.slice(top);
  if (rest.length > 0) {
    const bytes = rest.reduce((a, [, b]) => a + b, 0);
    rows.push([`${rest.length} smaller modules`, kb(bytes), `${((bytes / total) * 100).toFixed(1)} %`]);
  }
  printTable(title, ['module', 'minified', 'share'], rows);
}

const kb = (n: number) => (n / 1024).toFixed(1) + ' KiB';

export async function run(): Promise<void> {
  const core = coreEntry();
  const rows: Array<{ name: string; raw: number; gzip: number; metafile: Metafile }> = [];
  rows.push({ name: `this project: ${core.label}`, ...(await bundle(core.contents)) });
  if (core.label === 'src/cognito/index.ts') {
    const crypto = cryptoEntry();
    rows.push({ name: `  of which ${crypto.label}`, ...(await bundle(crypto.contents)) });
  }
  rows.push({
    name: 'Amplify v6: signIn, confirmSignIn, rememberDevice',
    ...(await bundle("export { signIn, confirmSignIn, rememberDevice } from 'aws-amplify/auth';")),
  });

  const ours = rows[0]!;
  const amplify = rows[rows.length - 1]!;
  const widths = [Math.max(...rows.map((r) => r.name.length), 14), 12, 12, 16];
  const fmt = (cells: string[]) =>
    '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  console.log('\nBundle size (esbuild, minified, ESM, browser; gzip -9)');
  console.log(fmt(['bundle', 'minified', 'gzip', 'gzip ÷ this']));
  console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const r of rows) console.log(fmt([r.name, kb(r.raw), kb(r.gzip), (r.gzip / ours.gzip).toFixed(2) + '×']));

  const dist = join(root, 'dist', 'chrome');
  const worker = existsSync(join(dist, 'manifest.json')) ? sizes(chromeWorkerFiles(dist)).gzip : NaN;
  const change = (before: number, now: number) => {
    if (!Number.isFinite(now)) return '–';
    const percent = Math.round(((now - before) / before) * 100);
    return `${percent > 0 ? '+' : ''}${percent} %`;
  };
  printTable('Size before and after issue 8 (gzip -9; before = commit e7c7858)', ['bundle', 'before', 'now', 'change', 'target'], [
    ['protocol core', kb(BEFORE_ISSUE_8.core), kb(ours.gzip), change(BEFORE_ISSUE_8.core, ours.gzip), `≤ ${kb(amplify.gzip / 2)} (half of Amplify's), ${ours.gzip <= amplify.gzip / 2 ? 'met' : 'not met'}`],
    ['Amplify v6 signIn/confirmSignIn/rememberDevice', kb(BEFORE_ISSUE_8.amplify), kb(amplify.gzip), change(BEFORE_ISSUE_8.amplify, amplify.gzip), '(the yardstick)'],
    ['Chrome worker with its imports (dist/chrome)', kb(BEFORE_ISSUE_8.worker), Number.isFinite(worker) ? kb(worker) : 'not built', change(BEFORE_ISSUE_8.worker, worker),
      `< ${kb(BEFORE_ISSUE_8.worker)}, ${worker < BEFORE_ISSUE_8.worker ? 'met' : 'not met'}`],
  ]);

  printShares(`What each module puts into the protocol core (${core.label})`, ours.metafile, 20);
  const workerBundle = await bundle("import './src/background/service-worker';");
  printShares(`What each module puts into the worker (esbuild bundle of src/background/service-worker.ts: ${kb(workerBundle.raw)} minified, ${kb(workerBundle.gzip)} gzip)`, workerBundle.metafile, 25);
}
