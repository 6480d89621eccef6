// Lint: type-aware basics plus the import direction from the design
// (docs/architecture.md): smart-app -> shared, extension -> shared, server -> shared,
// sandbox -> shared | server; shared imports nothing of ours and has no import cycles;
// server/fhir-engine (run by the sandbox and the coordination server) imports nothing of ours.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const ours = (dir) => [`**/${dir}/**`, `../${dir}/*`, `../../${dir}/*`, `../../../${dir}/*`, `../../../../${dir}/*`];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'extension/.output', 'extension/.output-production', '.data', 'extension/.wxt', 'test-results', 'playwright-report'] },
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
    // No import cycles anywhere in the application code (tests may close none either).
    files: ['shared/**/*.{ts,tsx}', 'smart-app/**/*.{ts,tsx}', 'extension/**/*.{ts,tsx}', 'server/**/*.ts', 'sandbox/**/*.ts'],
    ignores: ['extension/.wxt/**', 'extension/.output/**'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })] },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    ignores: ['shared/ui/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...ours('smart-app'), ...ours('extension'), ...ours('test'), ...ours('sandbox'), ...ours('server')], message: 'shared/ imports nothing of ours (see docs/architecture.md).' },
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
        patterns: [{ group: [...ours('smart-app'), ...ours('extension'), ...ours('test'), ...ours('sandbox'), ...ours('server')], message: 'shared/ui imports only shared/ and libraries.' }],
      }],
    },
  },
  {
    files: ['smart-app/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...ours('extension'), ...ours('test'), ...ours('sandbox'), ...ours('server')], message: 'smart-app/ may import shared/ only.' }],
      }],
    },
  },
  {
    files: ['extension/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...ours('smart-app'), ...ours('test'), ...ours('sandbox'), ...ours('server')], message: 'extension/ may import shared/ only.' }],
      }],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...ours('smart-app'), ...ours('extension'), ...ours('test'), ...ours('sandbox')], message: 'server/ may import shared/ only: it runs in production, the sandbox does not.' }],
      }],
    },
  },
  {
    // The FHIR engine is a library both the coordination server and the sandbox EHR run.
    files: ['server/fhir-engine/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...ours('smart-app'), ...ours('extension'), ...ours('test'), ...ours('sandbox'), ...ours('shared'), '../coordination/*', '../relay/*', '../hosting/*'], message: 'server/fhir-engine/ imports nothing of ours: the sandbox and the coordination server both run it.' }],
      }],
    },
  },
  {
    files: ['sandbox/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...ours('smart-app'), ...ours('extension'), ...ours('test')], message: 'sandbox/ may import shared/ and server/ only.' }],
      }],
    },
  },
  {
    // Tests may use the sandbox and test support, but the shells still never import each other.
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
