import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

/**
 * One web-tree-sitter runtime for every analyzer. The runtime and each grammar load once per process (loading
 * costs far more than parsing), and only when a file of that language is first analysed: nothing loads at
 * activation. Parsers are cheap and made per document so each can keep its own tree.
 *
 * The .wasm files sit next to the bundle (esbuild.js copies them to dist/); unbundled (unit tests, tsx) they are
 * found in node_modules.
 */
export type GrammarName = 'terraform' | 'typescript' | 'tsx' | 'javascript' | 'python' | 'bash' | 'go' | 'java' | 'csharp';

const GRAMMAR_FILES: Record<GrammarName, { file: string; packageDir: string }> = {
  terraform: { file: 'tree-sitter-terraform.wasm', packageDir: '@tree-sitter-grammars/tree-sitter-hcl' },
  typescript: { file: 'tree-sitter-typescript.wasm', packageDir: '@vscode/tree-sitter-wasm/wasm' },
  tsx: { file: 'tree-sitter-tsx.wasm', packageDir: '@vscode/tree-sitter-wasm/wasm' },
  javascript: { file: 'tree-sitter-javascript.wasm', packageDir: '@vscode/tree-sitter-wasm/wasm' },
  python: { file: 'tree-sitter-python.wasm', packageDir: '@vscode/tree-sitter-wasm/wasm' },
  bash: { file: 'tree-sitter-bash.wasm', packageDir: '@vscode/tree-sitter-wasm/wasm' },
  go: { file: 'tree-sitter-go.wasm', packageDir: '@vscode/tree-sitter-wasm/wasm' },
  java: { file: 'tree-sitter-java.wasm', packageDir: '@vscode/tree-sitter-wasm/wasm' },
  csharp: { file: 'tree-sitter-c-sharp.wasm', packageDir: '@vscode/tree-sitter-wasm/wasm' },
};

const RUNTIME_WASM = { file: 'web-tree-sitter.wasm', packageDir: 'web-tree-sitter' };

/** Finds a .wasm next to this bundle, else in node_modules above this source file. */
export function locateWasm(file: string, packageDir: string): string {
  const besideBundle = path.join(__dirname, file);
  if (fs.existsSync(besideBundle)) return besideBundle;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', packageDir, file);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`Tagsight cannot find ${file}; the installation is incomplete (expected next to ${__dirname}).`);
}

let runtimeReady: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();

function initRuntime(): Promise<void> {
  runtimeReady ??= Parser.init({
    locateFile: () => locateWasm(RUNTIME_WASM.file, RUNTIME_WASM.packageDir),
  });
  return runtimeReady;
}

export function loadLanguage(name: GrammarName): Promise<Language> {
  let language = languages.get(name);
  if (!language) {
    const { file, packageDir } = GRAMMAR_FILES[name];
    language = initRuntime().then(() => Language.load(fs.readFileSync(locateWasm(file, packageDir))));
    languages.set(name, language);
  }
  return language;
}

/** The grammars loaded (or loading) in this process, in the order first asked for. */
export function loadedGrammars(): GrammarName[] {
  return [...languages.keys()];
}

/** A fresh parser for one grammar. The caller owns it and the trees it makes: call `.delete()` on both. */
export async function createParser(name: GrammarName): Promise<Parser> {
  const language = await loadLanguage(name);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

export type { Language, Node as SyntaxNode, Parser, Tree, Edit, Point } from 'web-tree-sitter';
