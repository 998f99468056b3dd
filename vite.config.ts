import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import manifestConfig, { type Target } from './manifest.config.ts';
import { pseudoLocalizeBuild } from './scripts/pseudo-locale.ts';

const target = (process.env.TARGET ?? 'chrome') as Target;
if (target !== 'chrome' && target !== 'firefox') throw new Error(`TARGET must be chrome or firefox, not ${target}`);
// PSEUDO_LOCALE=1 (npm run build:pseudo): the same extension with pseudo-localised English as its
// only language, in a folder of its own so it never mixes with what is packaged (scripts/pseudo-locale.ts).
const pseudo = process.env.PSEUDO_LOCALE === '1';
const outDir = pseudo ? `dist/pseudo-${target}` : `dist/${target}`;

export default defineConfig({
  plugins: [
    crx({ manifest: manifestConfig(target), browser: target }),
    ...(pseudo ? [{ name: 'pseudo-locale', apply: 'build' as const, closeBundle: () => pseudoLocalizeBuild(outDir) }] : []),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
});
