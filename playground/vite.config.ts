/**
 * Builds the playground into playground/dist: one HTML page, one JS and one CSS file, plus a
 * service worker that precaches exactly those files (offline once loaded). The build fails when
 * the page's JS + CSS exceed the size budget (150 kB gzipped), and prints what it measured.
 */
import { defineConfig } from 'vite';
import { offlineAndBudget } from './build-plugin.js';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: false,
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    cssCodeSplit: false,
    modulePreload: false,
    reportCompressedSize: false,
    rollupOptions: { output: { entryFileNames: 'assets/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' } },
  },
  plugins: [offlineAndBudget()],
});
