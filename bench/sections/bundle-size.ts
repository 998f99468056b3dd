/**
 * What the protocol core costs in download size, next to what Amplify v6 would cost for the same
 * job (signIn, confirmSignIn, rememberDevice from `aws-amplify/auth`). Both are bundled by esbuild
 * with identical settings (browser, ESM, ES2022, minified, tree-shaken) and gzipped at level 9.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

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

async function bundle(contents: string): Promise<{ raw: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts' },
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
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (n: number) => (n / 1024).toFixed(1) + ' KiB';

export async function run(): Promise<void> {
  const core = coreEntry();
  const rows: Array<{ name: string; raw: number; gzip: number }> = [];
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
  const widths = [Math.max(...rows.map((r) => r.name.length), 14), 12, 12, 16];
  const fmt = (cells: string[]) =>
    '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  console.log('\nBundle size (esbuild, minified, ESM, browser; gzip -9)');
  console.log(fmt(['bundle', 'minified', 'gzip', 'gzip ÷ this']));
  console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const r of rows) console.log(fmt([r.name, kb(r.raw), kb(r.gzip), (r.gzip / ours.gzip).toFixed(2) + '×']));
}
