// Packages the two builds the way the stores take them: a zip for the Chrome Web Store and an
// .xpi for AMO (same bytes as a zip), plus the source archive AMO asks for when an add-on ships
// bundled code (the tracked sources, the lockfile, and a note for the reviewer with the exact
// commands and Node version that rebuild the .xpi byte for byte). The end-to-end tests load
// these files, not the folders, so what is tested is what ships. Zips are written by
// deterministic-zip.mjs (sorted names, fixed timestamps), so rebuilding gives the same bytes;
// scripts/verify-source-archive.mjs checks that from the source archive itself.
// Outside a git checkout (the reviewer's unpacked source archive) there is no list of tracked
// files, so only the two packages are written.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeZip } from './deterministic-zip.mjs';

const root = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const artifactName = (kind) => ({
  chrome: `cognito-authenticator-chrome-${version}.zip`,
  firefox: `cognito-authenticator-firefox-${version}.xpi`,
  source: `cognito-authenticator-source-${version}.zip`,
})[kind];
export const REVIEWER_NOTE = 'BUILD-FOR-REVIEWERS.md';

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function reviewerNote(xpiHash) {
  return `# Rebuilding ${artifactName('firefox')}

This archive holds the tracked sources of Authenticator for Amazon Cognito ${version} and its
lockfile. The add-on's JavaScript is bundled by Vite from \`src/\`; nothing in it is minified
by hand or downloaded at build time.

Build environment: Node.js ${process.version} (npm ${npmVersion()}) on Linux. Use exactly this
Node version: it is the one the rebuild was checked with.

\`\`\`sh
npm ci
npm run package
sha256sum artifacts/${artifactName('firefox')}
\`\`\`

\`npm ci\` installs the exact versions in package-lock.json; \`npm run package\` builds
\`dist/chrome\` and \`dist/firefox\` (\`vite build\`, see vite.config.ts and manifest.config.ts)
and zips them with \`scripts/deterministic-zip.mjs\` (sorted names, fixed timestamps), so the
result does not depend on when or where it is built. The submitted .xpi's SHA-256 is

    ${xpiHash}

(\`node scripts/verify-source-archive.mjs\` in a git checkout repeats this check: it unpacks this
archive into a temporary folder, builds there and compares the bytes.)
`;
}

function npmVersion() {
  try { return execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim(); } catch { return 'unknown'; }
}

mkdirSync(join(root, 'artifacts'), { recursive: true });
const written = {};
for (const target of ['chrome', 'firefox']) {
  const dir = join(root, 'dist', target);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir} has no build: run \`npm run build\` first`);
  const out = join(root, 'artifacts', artifactName(target));
  writeZip(out, filesUnder(dir).map((name) => ({ name, data: readFileSync(join(dir, name)) })));
  written[target] = out;
}

if (existsSync(join(root, '.git'))) {
  // Tracked files plus new ones not yet committed (but not ignored ones): what this build used.
  const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0').filter(Boolean)
    // A tracked file deleted in the working tree is not part of what was built.
    .filter((name) => existsSync(join(root, name)));
  const files = tracked.map((name) => ({ name, data: readFileSync(join(root, name)) }));
  files.push({ name: REVIEWER_NOTE, data: Buffer.from(reviewerNote(sha256(readFileSync(written.firefox)))) });
  written.source = join(root, 'artifacts', artifactName('source'));
  writeZip(written.source, files);
}
console.log(`packaged ${Object.values(written).map((p) => relative(root, p)).join(', ')}`);
