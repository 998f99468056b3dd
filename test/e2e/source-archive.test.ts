// AMO's review of bundled code: the source archive `npm run package` writes holds the sources,
// the lockfile and a build note, and a rebuild from it (scripts/verify-source-archive.mjs:
// unpack to a temp dir, `npm run package` there) gives the submitted .xpi and Chrome zip byte for byte.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeZip } from '../../scripts/deterministic-zip.mjs';

const root = resolve(import.meta.dirname, '../..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const artifact = (name: string) => join(root, 'artifacts', name);
const SOURCE = artifact(`cognito-authenticator-source-${version}.zip`);
const XPI = artifact(`cognito-authenticator-firefox-${version}.xpi`);
const CHROME_ZIP = artifact(`cognito-authenticator-chrome-${version}.zip`);
const verify = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'scripts/verify-source-archive.mjs'), ...args], { encoding: 'utf8', timeout: 300_000 });

describe('the AMO source archive', () => {
  const listing = execFileSync('unzip', ['-Z1', SOURCE], { encoding: 'utf8' }).split('\n').filter(Boolean);

  it('holds the sources, the build configuration, the lockfile and the reviewer note', () => {
    for (const file of ['package.json', 'package-lock.json', 'vite.config.ts', 'manifest.json', 'manifest.config.ts',
      'scripts/package.mjs', 'scripts/deterministic-zip.mjs', 'src/background/service-worker.ts', 'src/popup/popup.ts', 'BUILD-FOR-REVIEWERS.md', 'LICENSE']) {
      expect(listing, file).toContain(file);
    }
    expect(listing.filter((f) => /^(node_modules|dist|artifacts)\//.test(f))).toEqual([]);
  });

  it("names the Node version, the commands and the submitted .xpi's hash in the reviewer note", () => {
    const note = execFileSync('unzip', ['-p', SOURCE, 'BUILD-FOR-REVIEWERS.md'], { encoding: 'utf8' });
    expect(note).toContain(`Node.js ${process.version}`);
    expect(note).toMatch(/npm ci\nnpm run package\n/);
    expect(note).toContain(createHash('sha256').update(readFileSync(XPI)).digest('hex'));
  });

  it('rebuilds the submitted .xpi and Chrome zip byte for byte', () => {
    const run = verify();
    expect(run.stdout + run.stderr).toMatch(/identical: cognito-authenticator-firefox-.*\.xpi/);
    expect(run.stdout).toMatch(/identical: cognito-authenticator-chrome-.*\.zip/);
    expect(run.status, run.stdout + run.stderr).toBe(0);
  }, 300_000);

  it('fails on a submitted .xpi that differs from the rebuild, naming the entry that differs and no other', () => {
    // A copy of the artifacts whose .xpi has one entry changed, written the way the packager writes.
    const dir = mkdtempSync(join(tmpdir(), 'cogauth-tampered-artifacts-'));
    try {
      for (const path of [SOURCE, CHROME_ZIP]) copyFileSync(path, join(dir, basename(path)));
      const entries = unzipSync(new Uint8Array(readFileSync(XPI)));
      const tampered = 'manifest.json';
      expect(Object.keys(entries)).toContain(tampered);
      entries[tampered] = new TextEncoder().encode(`${new TextDecoder().decode(entries[tampered])}\n`);
      writeZip(join(dir, basename(XPI)), Object.entries(entries).map(([name, data]) => ({ name, data: Buffer.from(data) })));

      const run = verify('--artifacts', dir);
      expect(run.status, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toMatch(/identical: cognito-authenticator-chrome-.*\.zip/);
      const listed = run.stdout.split('\n').filter((line) => line.startsWith('  '));
      expect(run.stdout).toMatch(/DIFFERENT: cognito-authenticator-firefox-.*\.xpi/);
      expect(listed, run.stdout).toEqual([expect.stringMatching(/^ {2}manifest\.json: \d+ bytes, sha256 [0-9a-f]{16} → \d+ bytes, sha256 [0-9a-f]{16}$/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
