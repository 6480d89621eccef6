import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The SMART app: launch.html (tiny: fhirclient authorize only) and index.html
// (the React app). Relative base so the build can be hosted under any path.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        launch: resolve(import.meta.dirname, 'launch.html'),
        index: resolve(import.meta.dirname, 'index.html'),
      },
    },
  },
  server: { port: 5173, strictPort: true },
});
