// The coordinator console's build: one static bundle for every environment (the API address
// and the sign-in settings come from /config.json at run time), written to web/dist.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: {
    alias: {
      // The import page reuses the CLI's row reader (cli/import-rows.ts) in the browser.
      'csv-parse/sync': 'csv-parse/browser/esm/sync',
      'node:crypto': fileURLToPath(new URL('src/import/node-crypto.ts', import.meta.url)),
      'node:path': fileURLToPath(new URL('src/import/node-path.ts', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
