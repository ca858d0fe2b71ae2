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

/**
 * The extension loads these libraries on first use, not at activation: evaluating one 1.4 MB bundle costs more than
 * the whole activation budget, and most sessions never call AWS, parse YAML or draw the map. Each group is built
 * into its own file next to extension.js; in extension.js an import of one of these modules becomes a stand-in
 * whose properties load the group's file when first read (lazyChunkPlugin). Everything that shares state must be
 * in one group (the SDK clients share @smithy/core), and the CLI stays one self-contained file.
 */
const LAZY_CHUNKS = [
  {
    file: 'extension-aws.js',
    modules: [
      '@aws-sdk/client-account',
      '@aws-sdk/client-cloudtrail',
      '@aws-sdk/client-config-service',
      '@aws-sdk/client-organizations',
      '@aws-sdk/client-resource-groups-tagging-api',
      '@aws-sdk/client-s3',
      '@aws-sdk/client-s3-control',
      '@aws-sdk/client-sts',
      '@aws-sdk/core/client',
      '@aws-sdk/credential-providers',
    ],
  },
  { file: 'extension-parsers.js', modules: ['yaml', 'web-tree-sitter'] },
  { file: 'extension-map.js', modules: ['d3-geo', 'topojson-client', 'world-atlas/land-110m.json'] },
];
// @smithy/shared-ini-file-loader stays in extension.js: activation reads the profiles' regions with it, and it is small.
const LAZY_PACKAGES = /^(@aws-sdk\/|yaml$|web-tree-sitter$|d3-geo$|topojson-client$|world-atlas\/)/;

/**
 * A chunk's entry: each module's namespace, keyed by specifier. Imported (not required) so that packages resolve
 * with the same conditions as when our sources import them: a `require` would pick @aws-sdk/core's CommonJS build
 * beside the ES build the clients use, and the SDK's shared state would exist twice.
 */
function chunkEntry(chunk) {
  const imports = chunk.modules.map((specifier, index) => `import * as m${index} from ${JSON.stringify(specifier)};`);
  const entries = chunk.modules.map((specifier, index) => `  ${JSON.stringify(specifier)}: m${index},`);
  return [...imports, 'export const modules = {', ...entries, '};'].join('\n');
}

/**
 * The stand-in for `specifier` in extension.js. esbuild reads an imported CommonJS module's property names once
 * (when the importing module initializes) and defines getters that read the property at each use, so listing the
 * names here and loading on the first property read keeps the library out of activation.
 */
function standInSource(chunk, specifier, exported, imported) {
  // Only the names our sources import (a namespace import takes them all): the SDK clients export hundreds.
  const names = Object.keys(exported).filter((name) => imported === '*' || imported.has(name) || name === 'default');
  return `
const names = ${JSON.stringify(names)};
let loaded;
const load = () => (loaded ??= require(${JSON.stringify('./' + chunk.file)}).modules[${JSON.stringify(specifier)}]);
const descriptor = (key) => names.includes(key) ? { enumerable: true, configurable: true, get: () => load()[key] } : undefined;
module.exports = new Proxy({}, {
  // A module namespace: esbuild then takes \`default\` from it instead of making the whole module the default.
  get: (_, key) => (key === '__esModule' ? true : load()[key]),
  has: (_, key) => names.includes(key),
  ownKeys: () => names,
  getOwnPropertyDescriptor: (_, key) => descriptor(key),
});
`;
}

/**
 * The value names src/ imports from each lazy module (`import { a, b as c, type T } from 'x'`; `*` for a namespace
 * or default import). A name missing here would read as undefined, so an import form this does not know fails the build.
 */
function importedNames() {
  const names = new Map();
  const files = fs
    .readdirSync('src', { recursive: true })
    .filter((file) => /\.ts$/.test(file))
    .map((file) => path.join('src', file));
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)';/gms)) {
      const [, keyword, typeOnly, clause, specifier] = match;
      if (typeOnly || !LAZY_PACKAGES.test(specifier)) continue;
      const braces = /^\{([^}]*)\}$/.exec(clause.trim());
      // A re-export passes the names on to modules this scan does not follow: keep them all.
      if (!braces || keyword === 'export') {
        names.set(specifier, '*');
        continue;
      }
      if (names.get(specifier) === '*') continue;
      const set = names.get(specifier) ?? new Set();
      for (const part of braces[1]
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)) {
        if (!part.startsWith('type ')) set.add(part.split(/\s+as\s+/)[0].trim());
      }
      names.set(specifier, set);
    }
  }
  return names;
}

/** Replaces imports of LAZY_CHUNKS modules by stand-ins; an import of a lazy package not listed fails the build. */
function lazyChunkPlugin(chunkExports) {
  const imported = importedNames();
  return {
    name: 'lazy-chunks',
    setup(build) {
      build.onResolve({ filter: LAZY_PACKAGES }, (args) => {
        if (args.namespace === 'lazy-chunk') return undefined;
        const chunk = LAZY_CHUNKS.find((candidate) => candidate.modules.includes(args.path));
        if (!chunk)
          return { errors: [{ text: `${args.path} is imported by ${args.importer}: add it to a group of LAZY_CHUNKS in esbuild.js` }] };
        return { path: args.path, namespace: 'lazy-chunk', pluginData: { chunk } };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-chunk' }, (args) => {
        const { chunk } = args.pluginData;
        return {
          contents: standInSource(chunk, args.path, chunkExports.get(chunk.file)[args.path], imported.get(args.path) ?? '*'),
          loader: 'js',
        };
      });
      // The chunk files sit next to extension.js and are required at run time, not bundled.
      build.onResolve({ filter: /^\.\/extension-[a-z]+\.js$/, namespace: 'lazy-chunk' }, (args) => ({ path: args.path, external: true }));
    },
  };
}

/** Builds the chunks, then reads each one's export names (in this process) for the stand-ins. */
async function buildLazyChunks() {
  const chunkExports = new Map();
  await Promise.all(
    LAZY_CHUNKS.map((chunk) =>
      esbuild.build({
        ...common,
        stdin: { contents: chunkEntry(chunk), resolveDir: __dirname, sourcefile: chunk.file.replace(/\.js$/, '-entry.mjs'), loader: 'js' },
        outfile: path.join(outdir, chunk.file),
        external: [],
      }),
    ),
  );
  for (const chunk of LAZY_CHUNKS) {
    const file = path.resolve(outdir, chunk.file);
    delete require.cache[file];
    chunkExports.set(chunk.file, require(file).modules);
  }
  return chunkExports;
}

/**
 * Prints errors in the format of the esbuild problem matcher (`$esbuild-watch`), so VS Code tasks can link them.
 * In watch mode only the extension bundle announces its rebuilds: the F5 launch waits for "[watch] build finished",
 * and that must mean dist/extension.js is written, not that some other bundle finished first.
 */
function problemMatcherPlugin({ announcesWatch }) {
  return {
    name: 'problem-matcher',
    setup(build) {
      build.onStart(() => {
        if (watch && announcesWatch) console.log('[watch] build started');
      });
      build.onEnd((result) => {
        for (const { text, location } of result.errors) {
          console.error(`✘ [ERROR] ${text}`);
          if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
        if (watch && announcesWatch) console.log('[watch] build finished');
      });
    },
  };
}

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
  plugins: [problemMatcherPlugin({ announcesWatch: false })],
};

/**
 * The extension loads the local emulator (whose control API is unauthenticated) only when the user picks the
 * demo: its lazy `require()` of src/emulator (src/vscode/account/account-feature.ts) becomes a require of
 * dist/emulator.js, a bundle of its own, so nothing of the emulator is in dist/extension.js or runs at activation.
 * (Not import(): esbuild would have to lower every import() of the bundle, which breaks web-tree-sitter.)
 */
const EMULATOR_BUNDLE = 'emulator.js';
const lazyEmulatorPlugin = {
  name: 'lazy-emulator',
  setup(build) {
    build.onResolve({ filter: /(^|\/)emulator$/ }, (args) => {
      if (args.kind !== 'require-call') return undefined;
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
  // In watch mode the chunks are built once: the libraries in them do not change while you edit.
  const chunkExports = await buildLazyChunks();
  const builds = [
    {
      ...common,
      entryPoints: ['src/vscode/extension.ts'],
      outfile: path.join(outdir, 'extension.js'),
      external: ['vscode'],
      // Only this bundle announces watch rebuilds (F5 waits for it), so the problem matcher is its own.
      plugins: [problemMatcherPlugin({ announcesWatch: true }), lazyEmulatorPlugin, lazyChunkPlugin(chunkExports)],
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
