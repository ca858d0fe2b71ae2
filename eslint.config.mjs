// Lint rules that keep the layers honest (docs/architecture.md#layers), for every folder of src/, and type-aware
// promise rules.
//
//   core                   nothing of ours, no SDK, no I/O
//   aws, analyzers, report core only
//   emulator               core types only (an emulator running the logic under test would agree with it), and
//                          core's XML escape
//   app                    core, aws, analyzers, report
//   cli                    everything but vscode/ (and the emulator, for `tagsight emulator`)
//   vscode                 everything but cli/
//
// Only src/vscode may import the `vscode` module. test/unit/build/layering.test.ts proves the rules reject what
// they should.
import tseslint from 'typescript-eslint';

const LAYERS = ['core', 'aws', 'analyzers', 'report', 'emulator', 'app', 'cli', 'vscode'];

/** What each folder of src/ may import of the others (its own folder is always allowed). */
const ALLOWED = {
  core: [],
  aws: ['core'],
  analyzers: ['core'],
  report: ['core'],
  emulator: ['core'], // types only, see below
  app: ['core', 'aws', 'analyzers', 'report'],
  cli: ['core', 'aws', 'analyzers', 'report', 'emulator', 'app'],
  vscode: ['core', 'aws', 'analyzers', 'report', 'emulator', 'app'],
};

/** A relative import whose first named segment is `layer`: `../core/x`, `../../aws/s3`. */
const layerImport = (layer) => `^(\\./|(\\.\\./)+)${layer}(/|$)`;

const VSCODE_MESSAGE = "Only src/vscode/ may import 'vscode': the core, adapters, use cases and CLI run without VS Code.";
const NODE_IO = [
  'node:fs',
  'node:fs/*',
  'node:http',
  'node:https',
  'node:net',
  'node:child_process',
  'fs',
  'fs/*',
  'http',
  'https',
  'net',
  'child_process',
];

function layerRule(folder, { readsFiles = false } = {}) {
  const forbidden = LAYERS.filter((layer) => layer !== folder && !ALLOWED[folder].includes(layer));
  const patterns = forbidden.map((layer) => ({
    regex: layerImport(layer),
    message: `src/${folder} may import ${ALLOWED[folder].length ? ALLOWED[folder].map((l) => `src/${l}`).join(', ') : 'nothing of ours'}, not src/${layer} (see eslint.config.mjs).`,
  }));
  if (folder === 'emulator') {
    // Values from core only for the one XML escape: a wire-format helper, not logic the tests check.
    patterns.push({
      regex: '^(\\./|(\\.\\./)+)core(/(?!xml-escape$)|$)',
      allowTypeImports: true,
      message: 'src/emulator uses core types only, never core logic: use `import type`.',
    });
  }
  if (folder === 'core') {
    patterns.push(
      { group: ['@aws-sdk/*', '@smithy/*'], message: 'src/core uses no SDK: adapters in src/aws do.' },
      { group: NODE_IO, message: 'src/core does no I/O: adapters in src/aws and the front doors do.' },
    );
  }
  if (folder === 'analyzers') {
    patterns.push({ group: ['@aws-sdk/*', '@smithy/*'], message: 'src/analyzers make no AWS calls.' });
    if (!readsFiles) {
      patterns.push({ group: NODE_IO, message: 'Analyzers read no files: other files come through AnalyzerContext.files (SourceFiles).' });
    }
  }
  const paths = folder === 'vscode' ? [] : [{ name: 'vscode', message: VSCODE_MESSAGE }];
  return { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] };
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      'test-results/**',
      'test/integration/fixtures/**',
      'test/conformance/cases/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      // Type information for the promise rules; the project service reads tsconfig.json.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      // A promise nobody awaits or catches hides its rejection: handle it (catch and log or show). `void` is left
      // for promises that cannot reject (checked by hand, e.g. a chain that ends in its own catch).
      '@typescript-eslint/no-floating-promises': 'error',
      // VS Code ignores what a listener returns: an async listener's rejection would vanish.
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  ...LAYERS.map((folder) => ({ files: [`src/${folder}/**/*.ts`], rules: layerRule(folder) })),
  // The parser runtime loads the grammars' .wasm files shipped beside the bundle, never a user's file.
  { files: ['src/analyzers/parser-runtime.ts'], rules: layerRule('analyzers', { readsFiles: true }) },
  // One reader of settings: scopes (user-only for AWS settings, the file's folder for resource settings) are decided there.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/vscode/**/settings.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='getConfiguration']",
          message: 'Read and write settings through src/vscode/common/settings.ts, which applies their scopes.',
        },
      ],
    },
  },
  {
    files: ['test/unit/**/*.ts', 'test/conformance/**/*.ts', 'test/bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: VSCODE_MESSAGE }] }] },
  },
);
