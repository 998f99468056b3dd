import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import manifestConfig, { type Target } from './manifest.config.ts';

const target = (process.env.TARGET ?? 'chrome') as Target;
if (target !== 'chrome' && target !== 'firefox') throw new Error(`TARGET must be chrome or firefox, not ${target}`);

export default defineConfig({
  plugins: [crx({ manifest: manifestConfig(target), browser: target })],
  build: {
    outDir: `dist/${target}`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Pages the manifest does not name: the welcome page opens from the background on install.
    rollupOptions: { input: { welcome: 'src/welcome/welcome.html' } },
  },
});
