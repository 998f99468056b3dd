// Builds the test web apps (web-apps/README.md) from the real packages into web-apps/dist, one
// folder per app, served by web-apps/server.ts. Separate from the extension's vite.config.ts: the
// apps are pages on the web, not part of what ships.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: '/',
  logLevel: 'warn',
  // amazon-cognito-identity-js (through its `buffer` and crypto-js dependencies) reads node's
  // `global`; browsers have only globalThis. This is the define its users add to vite apps.
  define: { global: 'globalThis' },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    // Readable stack traces when a test fails inside a library.
    sourcemap: true,
    // Amplify UI is large; the warning says nothing useful about a test app.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      // React component libraries mark modules "use client", which means nothing in a plain bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        amplify: resolve(here, 'amplify/index.html'),
        'identity-js': resolve(here, 'identity-js/index.html'),
        'code-fields': resolve(here, 'code-fields/index.html'),
        'code-fields-frame': resolve(here, 'code-fields/frame.html'),
        'code-fields-web-component': resolve(here, 'code-fields/web-component.html'),
      },
    },
  },
});
