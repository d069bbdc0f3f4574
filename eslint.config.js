// Lint: typescript-eslint (type-aware where cheap), the Rules of Hooks, and
// jsx-a11y for markup. Part of `npm test` (`npm run lint`).
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'storybook-static/**', 'node_modules/**', 'bench/node_modules/**', '.tmp/**', 'demo/dist/**', 'coverage/**', 'test-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'stories/**/*.tsx', 'demo/**/*.tsx', '.storybook/**/*.tsx', 'test/**/*.tsx', 'bench/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      ...jsxA11y.flatConfigs.recommended.rules,
      // A scrollable <pre> must be focusable to scroll by keyboard (axe: scrollable-region-focusable);
      // a focusable separator is the ARIA window-splitter pattern.
      'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: ['pre'], roles: ['tabpanel', 'separator'] }],
    },
  },
  {
    // Exporters, redaction and link checks exist to find control characters.
    files: ['src/core/export/**', 'src/core/redaction*.ts', 'src/core/safeHref.ts', 'test/core/**'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Tests may use non-null assertions and loose fixtures.
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
