import { defineConfig, type Plugin } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import { build as esbuild } from 'esbuild';
import manifestConfig, { type Target } from './manifest.config.ts';
import { pseudoLocalizeBuild } from './scripts/pseudo-locale.ts';

const target = (process.env.TARGET ?? 'chrome') as Target;
if (target !== 'chrome' && target !== 'firefox') throw new Error(`TARGET must be chrome or firefox, not ${target}`);
// PSEUDO_LOCALE=1 (npm run build:pseudo): the same extension with pseudo-localised English as its
// only language, in a folder of its own so it never mixes with what is packaged (scripts/pseudo-locale.ts).
const pseudo = process.env.PSEUDO_LOCALE === '1';
const outDir = pseudo ? `dist/pseudo-${target}` : `dist/${target}`;

/**
 * The code-fill content script as one self-contained classic script (content/code-fill.js), for
 * scripting.registerContentScripts (src/background/fill/page-scripts.ts). Not through crxjs:
 * its content-script loader imports the module from a web-accessible resource, which any page
 * could then fetch to learn the extension is installed; a bundled file needs no such resource.
 */
function contentScriptBundle(): Plugin {
  return {
    name: 'code-fill-content-script',
    async generateBundle() {
      const out = await esbuild({
        entryPoints: ['src/content/code-fill-script.ts'], bundle: true, format: 'iife', target: 'es2022',
        write: false, legalComments: 'none', charset: 'utf8', logLevel: 'warning',
        // Module paths end up in the bundle (comments, CommonJS keys): keep them as the import names
        // them (node_modules/…), not as a symlinked node_modules resolves, so a rebuild elsewhere is identical.
        preserveSymlinks: true,
      });
      this.emitFile({ type: 'asset', fileName: 'content/code-fill.js', source: out.outputFiles[0]!.text });
    },
  };
}

export default defineConfig({
  plugins: [
    crx({ manifest: manifestConfig(target), browser: target }),
    contentScriptBundle(),
    ...(pseudo ? [{ name: 'pseudo-locale', apply: 'build' as const, closeBundle: () => pseudoLocalizeBuild(outDir) }] : []),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Pages the manifest does not name: the welcome page opens from the background on install.
    rollupOptions: { input: { welcome: 'src/welcome/welcome.html' } },
  },
});
