import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'url', 'util', 'stream'];
const restrict = (groups, message) => ['error', { patterns: [{ group: groups, message }] }];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dist-electron',
      'release',
      'drizzle',
      'test-results',
      '.electron-native',
      '.bench',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['**/*.{js,mjs,ts}'], languageOptions: { globals: globals.node } },
  // The house's boundaries (ARCHITECTURE.md rule 1), checked by the machine.
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': restrict(
        [
          ...nodeBuiltins,
          'electron',
          'react',
          'react-dom',
          'better-sqlite3',
          'drizzle-orm*',
          '**/electron/**',
          '**/renderer/**',
        ],
        'shared/ is pure: no Node, DOM, Electron, React or database imports.',
      ),
    },
    languageOptions: { globals: { ...globals.es2021 } },
  },
  {
    files: ['renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(
        [...nodeBuiltins, 'electron', 'better-sqlite3', 'drizzle-orm*', '**/electron/**'],
        'renderer/ talks to the main side only through renderer/api/client.ts.',
      ),
      // Native dialogs block the window, cannot be styled or translated: use components/Dialog.tsx.
      'no-restricted-globals': ['error', 'confirm', 'alert', 'prompt'],
      'no-restricted-properties': [
        'error',
        ...['confirm', 'alert', 'prompt'].map((property) => ({
          object: 'window',
          property,
          message: 'Use confirmDialog / alertDialog (renderer/components/Dialog.tsx).',
        })),
      ],
    },
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['electron/**', 'tests/**', 'bench/**'],
    ignores: ['electron/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: "Only the shell (electron/shell/) imports 'electron'." }] },
      ],
    },
  },
  prettier,
);
