// Bundles the extension and the CLI. The CLI bundle has no externals, so a stray `vscode` import outside
// src/vscode fails this build (and the lint rule says so earlier). Grammar .wasm files are copied next to the
// bundles, where src/analyzers/parser-runtime.ts looks for them.
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// --outdir=DIR builds the shipped bundles elsewhere (the integration harness packages a .vsix from a staging
// folder without touching the dist/ that other test runs are using).
const outdir = process.argv.find((arg) => arg.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

const WASM_ASSETS = [
  'node_modules/web-tree-sitter/web-tree-sitter.wasm',
  'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
  'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-typescript.wasm',
  'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-tsx.wasm',
  'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-javascript.wasm',
  'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm',
  'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-bash.wasm',
  'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-go.wasm',
  'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-java.wasm',
  'node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-c-sharp.wasm',
];

/** Prints errors in the format of the esbuild problem matcher, so VS Code tasks can link them. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  sourcesContent: false,
  minify: production,
  // jsonc-parser's UMD entry breaks when bundled; prefer ES modules everywhere.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  // web-tree-sitter's ESM build reads import.meta.url; in a CJS bundle we derive it from __filename.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  plugins: [problemMatcherPlugin],
};

/**
 * The extension loads the local emulator (whose control API is unauthenticated) only when the user picks the
 * demo: its dynamic `import()` of src/emulator becomes a require of dist/emulator.js, a bundle of its own, so
 * nothing of the emulator is in dist/extension.js or runs at activation.
 */
const EMULATOR_BUNDLE = 'emulator.js';
const lazyEmulatorPlugin = {
  name: 'lazy-emulator',
  setup(build) {
    build.onResolve({ filter: /(^|\/)emulator$/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      if (path.resolve(args.resolveDir, args.path) !== path.resolve('src/emulator')) return undefined;
      return { path: `./${EMULATOR_BUNDLE}`, external: true };
    });
  },
};

function copyWasm() {
  fs.mkdirSync(outdir, { recursive: true });
  for (const asset of WASM_ASSETS) {
    fs.copyFileSync(asset, path.join(outdir, path.basename(asset)));
  }
}

async function main() {
  copyWasm();
  const builds = [
    {
      ...common,
      entryPoints: ['src/vscode/extension.ts'],
      outfile: path.join(outdir, 'extension.js'),
      external: ['vscode'],
      plugins: [...common.plugins, lazyEmulatorPlugin],
      // import() of the emulator becomes a lazy require of dist/emulator.js, resolved next to this bundle.
      supported: { 'dynamic-import': false },
    },
    { ...common, entryPoints: ['src/emulator/index.ts'], outfile: path.join(outdir, EMULATOR_BUNDLE), external: [] },
    {
      ...common,
      entryPoints: ['src/cli/main.ts'],
      outfile: path.join(outdir, 'cli.js'),
      external: [],
      banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
    },
  ];
  if (outdir === 'dist' && fs.existsSync('test/integration/index.ts')) {
    // The integration suite runs inside the extension host; `vscode` comes from there, mocha from node_modules.
    builds.push({
      ...common,
      entryPoints: ['test/integration/index.ts'],
      outfile: 'out/integration/index.js',
      external: ['vscode', 'mocha'],
    });
  }
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  fs.chmodSync(path.join(outdir, 'cli.js'), 0o755);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
