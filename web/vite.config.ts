import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// Vite gives a config file its own import.meta.url: paths hold wherever the build is started from.
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

/** The dashboard build: web/ → dist/web, served by src/http/routes/dashboard.ts at `/`. */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [preact()],
  build: {
    outDir: `${here}../dist/web`,
    emptyOutDir: true,
    assetsDir: 'assets',
    // no inline scripts or styles (the server's CSP forbids them), no data: URLs for tiny assets
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
    target: 'es2022',
  },
});
