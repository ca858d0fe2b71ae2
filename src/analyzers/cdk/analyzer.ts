import type { CodeFinding } from '../../core/code-finding';
import { errorMessage } from '../../core/errors';
import type { TagPolicy } from '../../core/tag-policy';
import type { AnalysisSession, AnalyzerContext, DocumentAnalyzer, TextChange } from '../document-analyzer';
import { LineIndex } from '../line-index';
import type { GrammarName } from '../parser-runtime';
import { TreeSession } from '../region/tree-session';
import { CloudAssemblyReader } from './cloud-assembly';
import type { ConstructNode } from './construct-tree';
import { evaluateProgram } from './evaluate';
import { shiftFindings } from './shift-findings';
import type { CdkProgram } from './program';
import { readPythonProgram } from './python-program';
import { checkSynthesized } from './synthesized-check';
import { type ProgramPart, StatementCache, sameProgram } from './syntax';
import { checkCdkProgram } from './tag-check';
import { readTypeScriptProgram } from './typescript-program';

/**
 * AWS CDK apps in TypeScript, JavaScript and Python: required tags on resource constructs, through the construct
 * tree and CDK's tag aspects (see evaluate.ts and tag-aspect.ts). The grammar loads with the first CDK file.
 */
const GRAMMARS: Record<string, GrammarName> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.py': 'python',
};
const LANGUAGES: Record<string, GrammarName> = {
  typescript: 'typescript',
  typescriptreact: 'tsx',
  javascript: 'javascript',
  python: 'python',
};
/** A CDK program imports aws-cdk-lib (v2), @aws-cdk/* (v1) or aws_cdk (Python). */
const CDK_IMPORT = /aws-cdk-lib|@aws-cdk\/|\baws_cdk\b/;

function grammarFor(filePath: string, languageId?: string): GrammarName | undefined {
  if (filePath.endsWith('.d.ts')) return undefined;
  const extension = /\.[^./\\]+$/.exec(filePath)?.[0].toLowerCase() ?? '';
  return GRAMMARS[extension] ?? (languageId ? LANGUAGES[languageId] : undefined);
}

class CdkSession implements AnalysisSession {
  private readonly trees: TreeSession;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly assemblies = new CloudAssemblyReader();
  /** The previous analysis, for an edit that changes nothing it read. */
  private previous:
    { parts: readonly ProgramPart[]; text: string; findings: CodeFinding[]; policy: TagPolicy; withAssembly: boolean } | undefined;
  /** Statements of the previous analysis: an edit rereads only what it touched. */
  private readonly statements = new StatementCache();

  constructor(
    private readonly filePath: string,
    private readonly grammar: GrammarName,
  ) {
    this.trees = new TreeSession(grammar);
  }

  /** One analysis at a time: a parse frees the previous tree, which an unfinished analysis may still read. */
  analyze(text: string, context: AnalyzerContext, changes?: readonly TextChange[]): Promise<CodeFinding[]> {
    const run = this.queue.then(() => this.analyzeNow(text, context, changes));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async analyzeNow(text: string, context: AnalyzerContext, changes?: readonly TextChange[]): Promise<CodeFinding[]> {
    if (context.policyMissing || context.policy.requirements.length === 0 || !CDK_IMPORT.test(text)) return [];
    try {
      const tree = await this.trees.parse(text, changes);
      if (!tree) return [];
      const program = this.read(tree.rootNode, text);
      const assembly = await this.assemblies.read(this.filePath, text, context.files);
      const previous = this.previous;
      this.previous = undefined;
      // Typing that changes nothing the analysis reads (a bucket name, a comment) moves the previous findings.
      if (
        previous &&
        program.parts &&
        !assembly &&
        !previous.withAssembly &&
        previous.policy === context.policy &&
        sameProgram(previous.parts, program.parts)
      ) {
        const moved =
          previous.text === text ? previous.findings : changes ? shiftFindings(previous.findings, previous.text, text, changes) : undefined;
        if (moved) {
          this.previous = { ...previous, text, findings: moved };
          return moved;
        }
      }
      const evaluated = evaluateProgram(program);
      const lines = new LineIndex(text);
      const reported = new Set<ConstructNode>();
      const findings = checkCdkProgram(program, evaluated, context.policy, lines, reported);
      if (assembly) findings.push(...checkSynthesized(assembly, program, evaluated, context.policy, lines, reported));
      if (program.parts)
        this.previous = { parts: program.parts, text, findings, policy: context.policy, withAssembly: assembly !== undefined };
      return findings;
    } catch (error) {
      context.logger.warn(`CDK check skipped for ${this.filePath}: ${errorMessage(error)}`);
      return [];
    }
  }

  private read(root: Parameters<typeof readPythonProgram>[0], text: string): CdkProgram {
    return this.grammar === 'python' ? readPythonProgram(root, text, this.statements) : readTypeScriptProgram(root, text, this.statements);
  }

  dispose(): void {
    this.trees.dispose();
  }
}

export class CdkAnalyzer implements DocumentAnalyzer {
  readonly id = 'cdk';
  readonly kind = 'iac';
  readonly filePatterns = Object.keys(GRAMMARS).map((extension) => `*${extension}`);

  handles(filePath: string, languageId?: string): boolean {
    return grammarFor(filePath, languageId) !== undefined;
  }

  mayFindIn(text: string): boolean {
    return CDK_IMPORT.test(text);
  }

  createSession(filePath: string): AnalysisSession {
    return new CdkSession(filePath, grammarFor(filePath) ?? 'typescript');
  }
}
