// ESLint flat config. Syntax-level rules only (no type-aware linting): `npm run typecheck` already
// runs the compiler, and a second type-checked pass over ~500 files would double the test time.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'storybook-static/', 'coverage/', '.data/', '.tmp/', 'custom-elements.json'],
  },
  {
    // A disable comment that suppresses nothing is stale and misleads the next reader.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // A leading underscore marks a value that is there on purpose and not used: a key taken out of
      // an object with rest destructuring, or a parameter kept for the signature.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `this.outbox ?? sharedOutbox()` starts the shared outbox only when none was given: a call
      // for its side effect, written as a short circuit.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // The ICS parser, the CSV/XLSX writers and the schemas match control characters on purpose:
      // they strip or reject them.
      'no-control-regex': 'off',
      // The CDN loader declares `discovery` before the functions that read it and assigns it once
      // at the end, after they exist.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  // Web components: the widgets, the admin page and the demo/story helpers that define elements.
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'test/browser/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'test/browser/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['test/**/*.ts', 'test/**/*.mjs'],
    rules: {
      // Chai's property assertions (`expect(el).to.exist`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Tests probe JSON answers and deliberately broken inputs that have no static type.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
