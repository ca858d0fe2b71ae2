import type { CodeFinding } from '../core/code-finding';
import type { ConfiguredRegionLookup } from '../core/configured-region';
import type { Logger } from '../core/logger';
import type { Range } from '../core/range';
import type { TagPolicy } from '../core/tag-policy';

/**
 * The contract between analyzers and their two front doors: the editor (one session per open document,
 * reparsed incrementally as the user types) and the CLI (one session per file, analysed once).
 */

/**
 * The files an analyzer may read besides its document (a Terraform module's other files, the modules that call
 * it). Analyzers never read files themselves: the editor serves open documents' unsaved text before the disk,
 * the CLI the disk.
 */
export interface SourceFiles {
  /** The names (not paths) of the entries of a directory; empty when there is no such directory. */
  listDirectory(directory: string): Promise<readonly string[]>;
  /** Changes whenever the file's text does (modification time and size, an editor version); undefined when unreadable. */
  stamp(file: string): Promise<string | undefined>;
  /** The file's text; rejects when it cannot be read. */
  readText(file: string): Promise<string>;
  /**
   * When the file last changed (ms since the epoch); undefined when there is no such file. An open document with
   * unsaved edits is newer than anything on disk (what was built from the file on disk is stale for it).
   */
  modifiedTime(file: string): Promise<number | undefined>;
}

export interface AnalyzerContext {
  readonly policy: TagPolicy;
  /** Set when the policy could not be formed (no source at all): tag checks say so once and are skipped. */
  readonly policyMissing?: boolean;
  /** The region of clients that set none in code, as each tool looks it up; where it gives none, nothing is assumed. */
  readonly configuredRegion?: ConfiguredRegionLookup;
  /** Regions where the connected account has a running recorder; undefined when no account is connected. */
  readonly recordedRegions?: ReadonlySet<string>;
  /** Extra Terraform types to treat as taggable (setting `tagsight.terraform.additionalTaggableTypes`). */
  readonly additionalTaggableTypes?: readonly string[];
  readonly logger: Logger;
  readonly signal?: AbortSignal;
  /** Other files of the document's project; without them a document is checked on its own. */
  readonly files?: SourceFiles;
}

/** One edit of the document since the previous analysis, as the editor reports it (0-based, pre-edit range). */
export interface TextChange {
  readonly range: Range;
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

export interface AnalysisSession {
  /**
   * Analyse the document's full current text. `changes` (when known) lets the session reparse incrementally
   * from its previous tree. Never throws for bad input: a file that does not parse yields findings for what
   * is whole, plus at most a parse-error finding.
   */
  analyze(text: string, context: AnalyzerContext, changes?: readonly TextChange[]): Promise<CodeFinding[]>;
  /** Frees parse trees held in WASM memory. */
  dispose(): void;
}

export interface DocumentAnalyzer {
  readonly id: string;
  /** What it reads: infrastructure definitions (Terraform, CloudFormation, plans) or code that calls AWS. */
  readonly kind: 'iac' | 'code';
  /**
   * The file names it may handle, as globs on the name alone (`*.tf`, `Makefile`): how the front doors find its
   * files without asking every file (file-scope.ts). `handles` has the last word on each file found.
   */
  readonly filePatterns: readonly string[];
  /** Cheap check on the path and VS Code language id; content-based recognition happens in analyze(). */
  handles(filePath: string, languageId?: string): boolean;
  /**
   * Cheap text test, before any parse: false when analyze() can find nothing in this text (no CreateBucket call,
   * no template). Callers with many files (the editor's workspace check) skip everything else for them.
   */
  mayFindIn(text: string): boolean;
  createSession(filePath: string): AnalysisSession;
  /**
   * A file changed on disk (the editor's file events): an analyzer that keeps other files' contents between
   * analyses (Terraform's module siblings) reads it again next time instead of waiting for its cache to expire.
   */
  fileChanged?(filePath: string): void;
}
