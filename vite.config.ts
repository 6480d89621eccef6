import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The SMART app: launch.html (tiny: fhirclient authorize only), index.html
// (the React app) and admin.html (registration and readiness, no launch).
// Relative base so the build can be hosted under any path.
export default defineConfig({
  base: './',
  plugins: [react()],
  // fhirclient's "pure" build: use the browser's fetch and AbortController instead of
  // bundling polyfills every supported browser already has; and silence its debug logging.
  define: { FHIRCLIENT_PURE: 'true' },
  resolve: { alias: { debug: resolve(import.meta.dirname, 'smart-app/shims/debug.cjs') } },
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        launch: resolve(import.meta.dirname, 'launch.html'),
        index: resolve(import.meta.dirname, 'index.html'),
        admin: resolve(import.meta.dirname, 'admin.html'),
      },
    },
  },
  server: { port: 5173, strictPort: true },
});
