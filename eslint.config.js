// Lint: type-aware basics plus the import direction from the design
// (smart-app -> shared, extension -> shared; shared imports nothing of ours).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ours = (dir) => [`**/${dir}/**`, `../${dir}/*`, `../../${dir}/*`, `../../../${dir}/*`, `../../../../${dir}/*`];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'extension/.output', 'extension/.wxt', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    ignores: ['shared/ui/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...ours('smart-app'), ...ours('extension'), ...ours('test')], message: 'shared/ imports nothing of ours (see ARCHITECTURE.md).' },
          { group: ['react', 'react-dom', 'react/*', '@mui/*', 'wxt', 'wxt/*', 'fhirclient', 'fhirclient/*'], message: 'shared/ is platform-free: no React, MUI, WXT or fhirclient.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'chrome', 'browser'],
    },
  },
  {
    files: ['shared/ui/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...ours('smart-app'), ...ours('extension'), ...ours('test')], message: 'shared/ui imports only shared/ and libraries.' }],
      }],
    },
  },
  {
    files: ['smart-app/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...ours('extension'), ...ours('test')], message: 'smart-app/ may import shared/ only, never extension/ or test/.' }],
      }],
    },
  },
  {
    files: ['extension/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...ours('smart-app'), ...ours('test')], message: 'extension/ may import shared/ only, never smart-app/ or test/.' }],
      }],
    },
  },
  {
    // Tests may use the sandbox's fixtures (test/), but the shells still never import each other.
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/smart-app/**', '**/extension/**'], message: 'tests of one shell never import the other shell.' }],
      }],
    },
  },
  {
    files: ['smart-app/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/extension/**'], message: 'smart-app never imports extension/.' }] }] },
  },
  {
    files: ['extension/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/smart-app/**'], message: 'extension never imports smart-app/.' }] }] },
  },
);
