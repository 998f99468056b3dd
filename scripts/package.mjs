// Packages the two builds the way the stores take them: a zip for the Chrome Web Store and an
// .xpi for AMO (same bytes as a zip). The end-to-end tests load these files, not the folders,
// so what is tested is what ships.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
mkdirSync('artifacts', { recursive: true });
const webExt = new URL('../node_modules/web-ext/bin/web-ext.js', import.meta.url).pathname;
for (const [target, ext] of [['chrome', 'zip'], ['firefox', 'xpi']]) {
  execFileSync(process.execPath, [webExt, 'build', '--source-dir', `dist/${target}`, '--artifacts-dir', 'artifacts',
    '--filename', `cognito-authenticator-${target}-${version}.${ext}`, '--overwrite-dest', '--no-input'],
    { stdio: ['ignore', 'ignore', 'inherit'] });
}
console.log(`packaged artifacts/cognito-authenticator-{chrome-${version}.zip,firefox-${version}.xpi}`);
