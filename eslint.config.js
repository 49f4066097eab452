// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // core/ is pure: no I/O, no clock, no randomness (ARCHITECTURE.md).
    files: ['src/core/**/*.ts', 'src/data/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net'], message: 'core/ and data/ are pure: no I/O.' },
        { group: ['../cli/*', '../store/*', '../http/*', '../services/*', '../runtime/*', '../providers/*', '../web/*'], message: 'core/ never imports an outer layer.' },
      ] }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'core/ never reads the clock: take `now` as a parameter.' },
        { object: 'Math', property: 'random', message: 'core/ is deterministic.' },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'core/ never reads the environment.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core/ never reads the clock: take `now` as a parameter.' }],
    },
  },
  {
    // A service area uses another area only through that area's index.ts, and never a layer above it (ARCHITECTURE.md).
    files: ['src/services/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../accounts/*', '../contacts/*', '../sending/*', '../monitoring/*', '../audit/*', '!../*/index.js'], message: 'Use the other area through its index.ts.' },
        { group: ['**/http/*', '**/cli/*', '**/runtime/*', '**/web/*'], message: 'services/ never imports a layer above it.' },
      ] }],
    },
  },
  {
    // The layers above services/ call it through its one facade, services/index.ts.
    files: ['src/http/**/*.ts', 'src/cli/**/*.ts', 'src/runtime/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/services/*/*'], message: 'Import services only from services/index.js.' },
      ] }],
    },
  },
  {
    // store/ and providers/ sit below services/.
    files: ['src/store/**/*.ts', 'src/providers/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/services/*', '**/services/**', '**/runtime/*', '**/http/*', '**/cli/*'], message: 'store/ and providers/ never import a layer above them.' },
      ] }],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
