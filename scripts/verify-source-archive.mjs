// Checks what AMO's reviewer will check: the source archive that `npm run package` wrote
// rebuilds the submitted .xpi (and the Chrome zip) byte for byte. It unpacks the archive into a
// temporary folder, builds there with the reviewer's command (`npm run package`), and compares
// the packages' SHA-256 with the ones in artifacts/. Dependencies: by default the checkout's own
// node_modules, linked in (the lockfile is the same file, so the same versions; this keeps CI
// fast); with --npm-ci, a clean `npm ci --offline` from the npm cache, as the reviewer would.
// With --artifacts DIR the submitted packages and the source archive are read from DIR instead of
// artifacts/ (packages downloaded from a store, or the tampered copies the test makes).
// Exit code 0 when identical; otherwise the files that differ are listed (./zip-differences.mjs).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipDifferences } from './zip-differences.mjs';

const root = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const packages = [`cognito-authenticator-firefox-${version}.xpi`, `cognito-authenticator-chrome-${version}.zip`];
const flag = process.argv.indexOf('--artifacts');
if (flag >= 0 && !process.argv[flag + 1]) throw new Error('--artifacts takes a folder');
const submittedDir = flag >= 0 ? resolve(process.argv[flag + 1]) : join(root, 'artifacts');
const source = join(submittedDir, `cognito-authenticator-source-${version}.zip`);
const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

const work = mkdtempSync(join(tmpdir(), 'cogauth-source-rebuild-'));
let failed = false;
try {
  execFileSync('unzip', ['-q', source, '-d', work]);
  if (process.argv.includes('--npm-ci')) {
    execFileSync('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  } else {
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
  }
  execFileSync('npm', ['run', '-s', 'package'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  for (const name of packages) {
    const [submitted, rebuilt] = [sha256(join(submittedDir, name)), sha256(join(work, 'artifacts', name))];
    if (submitted === rebuilt) {
      console.log(`identical: ${name} ${rebuilt}`);
      continue;
    }
    failed = true;
    console.log(`DIFFERENT: ${name}: submitted ${submitted}, rebuilt from the source archive ${rebuilt}`);
    for (const line of zipDifferences(join(submittedDir, name), join(work, 'artifacts', name))) console.log(`  ${line}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
