import type { CodeFinding } from '../../core/code-finding';
import type { RegionLookupTool } from '../../core/configured-region';
import { errorMessage } from '../../core/errors';
import type { AnalysisSession, AnalyzerContext, DocumentAnalyzer, TextChange } from '../document-analyzer';
import type { GrammarName, SyntaxNode } from '../parser-runtime';
import type { CreateBucketSite, ProfileRegionLookup } from './create-bucket-site';
import { judgeCreateBucketSite } from './findings';
import { extractJavaScriptSites } from './javascript';
import { extractPythonSites } from './python';
import { extractShellSites } from './shell';
import { extractGoSites } from './go';
import { extractJavaSites } from './java';
import { extractCSharpSites } from './csharp';
import { TreeSession } from './tree-session';
import { analyzeCiYaml, looksLikeCiYaml } from './ci-yaml';
import { CREATE_BUCKET_TEXT } from './create-bucket-text';
import { makefileAsShell } from './makefile';

/**
 * The region-mismatch analyzers: one per kind of source, each keeping one tree per document (see TreeSession) and
 * handing the CreateBucket calls it finds to findings.ts.
 */

type Extract = (root: SyntaxNode, text: string, context: AnalyzerContext) => Promise<CreateBucketSite[]> | CreateBucketSite[];

function judgeAll(sites: readonly CreateBucketSite[], context: AnalyzerContext): CodeFinding[] {
  const findings: CodeFinding[] = [];
  for (const site of sites) {
    const finding = judgeCreateBucketSite(site, context);
    if (finding) findings.push(finding);
  }
  return findings;
}

class TreeAnalysisSession implements AnalysisSession {
  private readonly trees: TreeSession;

  constructor(
    grammar: GrammarName,
    private readonly extract: Extract,
    private readonly prepare: (text: string) => string = (text) => text,
  ) {
    this.trees = new TreeSession(grammar);
  }

  private queue: Promise<unknown> = Promise.resolve();

  /** Runs one analysis at a time: a parse frees the previous tree, which an unfinished analysis may still read. */
  analyze(text: string, context: AnalyzerContext, changes?: readonly TextChange[]): Promise<CodeFinding[]> {
    const run = this.queue.then(() => this.analyzeNow(text, context, changes));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async analyzeNow(text: string, context: AnalyzerContext, changes?: readonly TextChange[]): Promise<CodeFinding[]> {
    try {
      const source = this.prepare(text);
      // A prepared text (Makefile) keeps offsets but not edits' shapes: reparse it whole.
      const tree = await this.trees.parse(source, source === text ? changes : undefined);
      if (!tree) return [];
      return judgeAll(await this.extract(tree.rootNode, source, context), context);
    } catch (error) {
      // Analysis of a malformed or unusual file must never break the editor: log it and report nothing.
      context.logger.warn(`Region check skipped: ${errorMessage(error)}`);
      return [];
    }
  }

  dispose(): void {
    this.trees.dispose();
  }
}

const JS_EXTENSIONS: Record<string, GrammarName> = {
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
};
const JS_LANGUAGES: Record<string, GrammarName> = {
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'tsx',
};

function extensionOf(filePath: string): string {
  const match = /\.[^./\\]+$/.exec(filePath);
  return match ? match[0].toLowerCase() : '';
}

function baseName(filePath: string): string {
  return filePath.split(/[\\/]/).pop() ?? filePath;
}

export function createJavaScriptRegionAnalyzer(): DocumentAnalyzer {
  const grammarFor = (filePath: string, languageId?: string): GrammarName | undefined =>
    (languageId && JS_LANGUAGES[languageId]) || JS_EXTENSIONS[extensionOf(filePath)];
  return {
    id: 'region-javascript',
    kind: 'code',
    filePatterns: Object.keys(JS_EXTENSIONS).map((extension) => `*${extension}`),
    handles: (filePath, languageId) => grammarFor(filePath, languageId) !== undefined && !filePath.endsWith('.d.ts'),
    mayFindIn: (text) => CREATE_BUCKET_TEXT.javascript.test(text),
    createSession(filePath) {
      const grammar = grammarFor(filePath) ?? 'typescript';
      return new TreeAnalysisSession(grammar, (root, text) => extractJavaScriptSites(root, text));
    },
  };
}

/**
 * The region a profile named in code gives (`profile_name=`, `--profile`), by the tool's own rules; from the context
 * so that analyzers read no files themselves. Each extractor below reads one tool's code.
 */
function profileRegion(context: AnalyzerContext, tool: RegionLookupTool): ProfileRegionLookup {
  return (profile) => context.configuredRegion?.(tool, profile);
}

export function createPythonRegionAnalyzer(): DocumentAnalyzer {
  return {
    id: 'region-python',
    kind: 'code',
    filePatterns: ['*.py', '*.pyw'],
    handles: (filePath, languageId) => languageId === 'python' || ['.py', '.pyw'].includes(extensionOf(filePath)),
    mayFindIn: (text) => CREATE_BUCKET_TEXT.python.test(text),
    createSession: () =>
      new TreeAnalysisSession('python', (root, text, context) => extractPythonSites(root, text, profileRegion(context, 'boto3'))),
  };
}

const SHELL_EXTENSIONS = new Set(['.sh', '.bash', '.zsh', '.ksh']);

export function createShellRegionAnalyzer(): DocumentAnalyzer {
  return {
    id: 'region-shell',
    kind: 'code',
    filePatterns: [...SHELL_EXTENSIONS].map((extension) => `*${extension}`),
    handles: (filePath, languageId) => languageId === 'shellscript' || SHELL_EXTENSIONS.has(extensionOf(filePath)),
    mayFindIn: (text) => CREATE_BUCKET_TEXT.shell.test(text),
    createSession: () =>
      new TreeAnalysisSession('bash', (root, text, context) =>
        extractShellSites(root, text, { profileRegion: profileRegion(context, 'aws-cli') }),
      ),
  };
}

function isMakefile(filePath: string, languageId?: string): boolean {
  const name = baseName(filePath);
  return languageId === 'makefile' || /^(GNUmakefile|[Mm]akefile)$/.test(name) || extensionOf(filePath) === '.mk';
}

export function createMakefileRegionAnalyzer(): DocumentAnalyzer {
  return {
    id: 'region-makefile',
    kind: 'code',
    filePatterns: ['Makefile', 'makefile', 'GNUmakefile', '*.mk'],
    handles: isMakefile,
    // makefileAsShell only blanks text, so a call in a recipe is in the raw Makefile too.
    mayFindIn: (text) => CREATE_BUCKET_TEXT.shell.test(text),
    createSession: () => {
      let variables = new Map<string, string>();
      return new TreeAnalysisSession(
        'bash',
        (root, text, context) =>
          extractShellSites(root, text, { profileRegion: profileRegion(context, 'aws-cli'), makeVariables: variables }),
        (text) => {
          const prepared = makefileAsShell(text);
          variables = prepared.variables;
          return prepared.script;
        },
      );
    },
  };
}

/**
 * GitHub Actions, GitLab CI, CodeBuild, CircleCI, Azure Pipelines and Bitbucket Pipelines files: their shell steps (see ci-yaml.ts).
 * They run with the CI's environment, so neither the configured region nor a profile lookup applies to them.
 */
export function createCiYamlRegionAnalyzer(): DocumentAnalyzer {
  return {
    id: 'region-ci-yaml',
    kind: 'code',
    filePatterns: ['*.yml', '*.yaml'],
    handles: (filePath) => looksLikeCiYaml(filePath),
    mayFindIn: (text) => CREATE_BUCKET_TEXT.shell.test(text),
    createSession: () => {
      let disposed = false;
      const sessions: TreeSession[] = [];
      return {
        async analyze(text, context) {
          if (disposed) return [];
          try {
            return await analyzeCiYaml(text, sessions, (sites) => judgeAll(sites, context));
          } catch (error) {
            context.logger.warn(`Region check skipped: ${errorMessage(error)}`);
            return [];
          }
        },
        dispose() {
          disposed = true;
          for (const session of sessions) session.dispose();
        },
      };
    },
  };
}

/** One analyzer for a language whose whole file is read by one grammar, with an extractor that needs no context. */
function singleGrammarAnalyzer(
  id: string,
  grammar: GrammarName,
  extensions: readonly string[],
  languageIds: readonly string[],
  text: RegExp,
  extract: Extract,
): DocumentAnalyzer {
  return {
    id,
    kind: 'code',
    filePatterns: extensions.map((extension) => `*${extension}`),
    handles: (filePath, languageId) =>
      (languageId !== undefined && languageIds.includes(languageId)) || extensions.includes(extensionOf(filePath)),
    mayFindIn: (source) => text.test(source),
    createSession: () => new TreeAnalysisSession(grammar, extract),
  };
}

/** aws-sdk-go-v2 (see go.ts). */
export function createGoRegionAnalyzer(): DocumentAnalyzer {
  return singleGrammarAnalyzer('region-go', 'go', ['.go'], ['go'], CREATE_BUCKET_TEXT.go, (root, text) => extractGoSites(root, text));
}

/** AWS SDK for Java 2.x and 1.x (see java.ts). */
export function createJavaRegionAnalyzer(): DocumentAnalyzer {
  return singleGrammarAnalyzer('region-java', 'java', ['.java'], ['java'], CREATE_BUCKET_TEXT.java, (root, text) =>
    extractJavaSites(root, text),
  );
}

/** AWS SDK for .NET (see csharp.ts). */
export function createCSharpRegionAnalyzer(): DocumentAnalyzer {
  return singleGrammarAnalyzer('region-csharp', 'csharp', ['.cs'], ['csharp'], CREATE_BUCKET_TEXT.csharp, (root, text) =>
    extractCSharpSites(root, text),
  );
}

export function createRegionAnalyzers(): DocumentAnalyzer[] {
  return [
    createJavaScriptRegionAnalyzer(),
    createPythonRegionAnalyzer(),
    createShellRegionAnalyzer(),
    createMakefileRegionAnalyzer(),
    createCiYamlRegionAnalyzer(),
    createGoRegionAnalyzer(),
    createJavaRegionAnalyzer(),
    createCSharpRegionAnalyzer(),
  ];
}
