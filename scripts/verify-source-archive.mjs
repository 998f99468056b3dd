// Checks what AMO's reviewer will check: the source archive that `npm run package` wrote
// rebuilds the submitted .xpi (and the Chrome zip) byte for byte. It unpacks the archive into a
// temporary folder, builds there with the reviewer's command (`npm run package`), and compares
// the packages' SHA-256 with the ones in artifacts/. Dependencies: by default the checkout's own
// node_modules, linked in (the lockfile is the same file, so the same versions; this keeps CI
// fast); with --npm-ci, a clean `npm ci --offline` from the npm cache, as the reviewer would.
// Exit code 0 when identical; otherwise the files that differ are listed.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const packages = [`cognito-authenticator-firefox-${version}.xpi`, `cognito-authenticator-chrome-${version}.zip`];
const source = join(root, 'artifacts', `cognito-authenticator-source-${version}.zip`);
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
    const [submitted, rebuilt] = [sha256(join(root, 'artifacts', name)), sha256(join(work, 'artifacts', name))];
    if (submitted === rebuilt) {
      console.log(`identical: ${name} ${rebuilt}`);
      continue;
    }
    failed = true;
    console.log(`DIFFERENT: ${name}: submitted ${submitted}, rebuilt from the source archive ${rebuilt}`);
    const list = (zip) => execFileSync('unzip', ['-Z', '-v', zip], { encoding: 'utf8', maxBuffer: 1 << 26 })
      .split('\n\n').map((block) => [block.match(/^Central directory entry #\d+:\n-+\n\n\s*(\S+)/m)?.[1], block.match(/32-bit CRC value \(hex\):\s+(\S+)/)?.[1]]);
    const before = new Map(list(join(root, 'artifacts', name)).filter(([n]) => n));
    const after = new Map(list(join(work, 'artifacts', name)).filter(([n]) => n));
    for (const file of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(file) !== after.get(file)) console.log(`  ${file}: ${before.get(file) ?? 'missing'} → ${after.get(file) ?? 'missing'}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
