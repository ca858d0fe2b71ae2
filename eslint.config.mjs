// Lint rules that keep the layers honest (see STYLE.md): only src/vscode may import 'vscode', and the pure
// core imports nothing of ours.
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: "Only src/vscode/ may import 'vscode': the core, adapters and CLI run without VS Code." }],
  }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'test/integration/fixtures/**', 'test/conformance/cases/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['src/**/*.ts'], ignores: ['src/vscode/**'], rules: noVscode },
  { files: ['test/unit/**/*.ts', 'test/conformance/**/*.ts', 'test/bench/**/*.ts'], rules: noVscode },
  // One reader of settings: scopes (user-only for AWS settings, the file's folder for resource settings) are decided there.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/vscode/**/settings.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[property.name='getConfiguration']",
        message: 'Read and write settings through src/vscode/common/settings.ts, which applies their scopes.',
      }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is pure logic.' }],
        patterns: [
          { group: ['**/aws/**', '**/analyzers/**', '**/report/**', '**/emulator/**', '**/cli/**', '**/vscode/**', '@aws-sdk/*', '@smithy/*'], message: 'src/core uses nothing of ours and no SDK.' },
          { group: ['node:fs', 'node:fs/*', 'node:http', 'node:https', 'node:net', 'node:child_process', 'fs', 'http', 'https', 'net', 'child_process'], message: 'src/core does no I/O: adapters in src/aws, src/analyzers and the front doors do.' },
        ],
      }],
    },
  },
);
