// Vite build of the renderer (house-style.md 5.2): renderer/index.html → dist/renderer. No React plugin: Vite's
// built-in transform handles TSX with the automatic JSX runtime.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

/** Vite configuration of the renderer. `base: './'` so the build also loads from file:// in Electron. */
export default defineConfig({
  root,
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  oxc: { jsx: { runtime: 'automatic' } },
  server: { host: '127.0.0.1' },
});
