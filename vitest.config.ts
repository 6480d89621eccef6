import { defineConfig } from 'vitest/config';

// Unit and component tests. The shared core, the sandbox and the server run in plain Node;
// React components in jsdom. End-to-end specs (test/e2e) belong to Playwright.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'sandbox/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts', 'extension/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'test/e2e/**'],
          testTimeout: 20_000,
        },
      },
      {
        esbuild: { jsx: 'automatic' },
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['smart-app/**/*.test.tsx', 'shared/ui/**/*.test.tsx', 'extension/**/*.test.tsx'],
          setupFiles: ['test/msw/setup.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
