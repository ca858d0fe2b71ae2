import * as vscode from 'vscode';
import { dependentsOf, isTerraformFile, terraformTraits } from '../../app/workspace-check/dependents';
import { type FileContent, fileContentOf, readAhead, readDiskFile } from '../../app/workspace-check/file-content';
import { type CachedFile, FindingsCache, contextKeyOf } from '../../app/workspace-check/findings-cache';
import { TimeSlice } from '../../app/workspace-check/time-slice';
import type { AnalyzerContext, DocumentAnalyzer } from '../../analyzers/document-analyzer';
import { analyzersFor } from '../../analyzers/registry';
import type { CodeFinding } from '../../core/code-finding';
import type { RegionLookupTool } from '../../core/configured-region';
import { undecodableFileFinding } from '../../analyzers/parse-error';
import { errorMessage } from '../../core/errors';
import { logRejection, type Logger } from '../../core/logger';
import { plural } from '../../core/wording';
import type { CodeDiagnostics } from './diagnostics';
import { type FileVerdict, MAX_CHECKED_FILE_BYTES, checkedFilesGlob } from '../../analyzers/file-scope';
import {
  NO_FILES,
  type WorkspaceCheckResult,
  workspacePassEndLogLine,
  workspaceCheckMessage,
} from '../../app/workspace-check/workspace-check-result';
import { excludeGlob, excludePatterns, judgeWorkspaceFile } from '../../app/workspace-check/workspace-scope';
import { createExcludeMatcher } from '../../core/glob';
import { readExcludeSettings, readResourceSettings } from '../common/settings';

/**
 * Every file of the workspace an analyzer handles (Terraform, CloudFormation, plans, and the code the region
 * check reads), checked in the background so that Problems lists closed files too; which files is decided in
 * analyzers/file-scope.ts (shared with `tagsight check`) and src/app/workspace-check/workspace-scope.ts (the user's
 * exclusions). One walk, cancellable, that never holds the event loop for more than a slice (SLICE_MS):
 * files on the extension host's disk are read with Node's fs, a bounded number ahead of the analysis, other
 * schemes through workspace.fs. Each file's findings are cached by content hash in the extension's storage
 * (findings-cache.ts), so a reopened workspace analyses only what changed, and the files that depend on it
 * (dependents.ts). Each file's text first meets its analyzers' cheap tests (`mayFindIn`), so most code files are
 * read and never parsed. Files changed, created or closed are checked again with their dependents, deleted ones
 * dropped; open files are left to the live diagnostics. Results this check published for files it no longer
 * covers are removed.
 */
const SLICE_MS = 15;
/** Reads in flight ahead of the analysis: enough to keep the thread pool busy, few enough to bound memory. */
const READ_AHEAD = 32;
const MAX_FILES = 20000;
const CACHE_FILE = 'workspace-check-cache.json';
/** A save after file events waits this long for more of them (a branch switch changes many files at once). */
const CACHE_SAVE_DELAY_MS = 2000;
const REGION_TOOLS: readonly RegionLookupTool[] = ['js-v3', 'js-v2', 'boto3', 'aws-cli'];

type FileOutcome =
  | { readonly kind: 'iac' | 'code'; readonly findings: number; readonly parsed: boolean }
  | { readonly kind: 'nothing-to-check' | 'too-large' | 'not-checked' };

export interface CheckAllOptions {
  /** Told after each slice how many of the pass's files are done (only files an analyzer handles count). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Cancels this pass (a newer pass cancels it too, and then answers for it). */
  readonly token?: vscode.CancellationToken;
}

export interface WorkspaceCheckOptions {
  /** Where the findings cache is kept (the extension's workspace storage); undefined: in memory only. */
  readonly storage?: vscode.Uri;
  /** The extension's version: a cache written by another version is not used. */
  readonly version: string;
}

interface FolderScope {
  readonly exclude: string;
  readonly excludes: (relativePath: string) => boolean;
}

interface PassCounts {
  filesRead: number;
  cacheHits: number;
}

/** A file whose content differs from what the cache last saw (or that is new, or gone): its dependents are re-checked. */
interface ChangedFile {
  readonly path: string;
  readonly before: CachedFile | undefined;
  readonly after: CachedFile | undefined;
}

export class WorkspaceCheck implements vscode.Disposable {
  private run: vscode.CancellationTokenSource | undefined;
  private latest: Promise<WorkspaceCheckResult | undefined> = Promise.resolve(undefined);
  private passes = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly doneEmitter = new vscode.EventEmitter<WorkspaceCheckResult>();
  /** Fires when a full pass completes. */
  readonly onDidComplete = this.doneEmitter.event;
  private readonly analyzedEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires for each file analysed rather than answered from the cache (tests see what a change re-checks). */
  readonly onDidAnalyze = this.analyzedEmitter.event;
  private readonly queue: vscode.Uri[] = [];
  private readonly queued = new Set<string>();
  /** Queued because a file they depend on changed: analysed again even though their own content is cached. */
  private readonly stale = new Set<string>();
  private draining: Promise<void> | undefined;
  /** Closed files whose diagnostics this check published, with the pass that last did. */
  private readonly published = new Map<string, { readonly uri: vscode.Uri; readonly pass: number }>();
  /** Per workspace folder, read again at each full pass (settings changes start one). */
  private readonly scopes = new Map<string, FolderScope>();
  private cache: Promise<FindingsCache> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private contextKeyMemo: { readonly parts: readonly unknown[]; readonly keys: Readonly<Record<'iac' | 'code', string>> } | undefined;
  /** What the last full pass saw (tests and benchmarks read it). */
  lastResult: WorkspaceCheckResult | undefined;
  private readonly checkedFiles: string;

  constructor(
    private readonly analyzers: readonly DocumentAnalyzer[],
    private readonly context: (file: vscode.Uri) => AnalyzerContext,
    private readonly diagnostics: CodeDiagnostics,
    private readonly logger: Logger,
    private readonly options: WorkspaceCheckOptions,
  ) {
    this.checkedFiles = checkedFilesGlob(analyzers);
    const watcher = vscode.workspace.createFileSystemWatcher(this.checkedFiles);
    this.disposables.push(
      watcher,
      this.doneEmitter,
      this.analyzedEmitter,
      watcher.onDidChange((uri) => this.fileChanged(uri)),
      watcher.onDidCreate((uri) => this.fileChanged(uri)),
      watcher.onDidDelete((uri) => this.fileDeleted(uri)),
      // A file just closed may have changed since its last save-independent check: re-read it from disk.
      vscode.workspace.onDidCloseTextDocument((document) => this.enqueue(document.uri)),
    );
  }

  /** Whether the check runs for a folder (a resource-scoped setting; without one, the window's value). */
  enabledFor(folder: vscode.WorkspaceFolder | null): boolean {
    return readResourceSettings(folder).workspaceCheckEnabled;
  }

  get enabled(): boolean {
    return this.enabledFor(null) || (vscode.workspace.workspaceFolders ?? []).some((folder) => this.enabledFor(folder));
  }

  /**
   * (Re)starts a full pass; a pass already running is cancelled and answered by this one. Resolves with what the
   * pass saw, or undefined when it was cancelled through `options.token` or the check is turned off.
   */
  checkAll(options: CheckAllOptions = {}): Promise<WorkspaceCheckResult | undefined> {
    this.run?.cancel();
    this.run?.dispose();
    const run = new vscode.CancellationTokenSource();
    this.run = run;
    const cancellation = options.token?.onCancellationRequested(() => run.cancel());
    this.scopes.clear();
    const pass = this.fullPass(run, ++this.passes, options).finally(() => cancellation?.dispose());
    this.latest = pass;
    return pass;
  }

  /** Where the findings cache is kept; undefined when only in memory (no workspace storage). */
  get cacheFile(): vscode.Uri | undefined {
    return this.options.storage ? vscode.Uri.joinPath(this.options.storage, CACHE_FILE) : undefined;
  }

  /** Forgets every cached finding, in memory and in storage: the next pass analyses every file. */
  async clearCache(): Promise<void> {
    const cache = await this.loadCache();
    cache.clear();
    await this.saveCache();
  }

  /** Resolves when the file events received so far are checked (tests and benchmarks wait on it). */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async fullPass(
    run: vscode.CancellationTokenSource,
    pass: number,
    options: CheckAllOptions,
  ): Promise<WorkspaceCheckResult | undefined> {
    if (!this.enabled) {
      this.dropPublished(() => true);
      return undefined;
    }
    const started = performance.now();
    const cache = await this.loadCache();
    let files: vscode.Uri[];
    try {
      files = await this.findFiles(run.token);
    } catch (error) {
      if (run.token.isCancellationRequested) return this.answerCancelled(run);
      this.logger.error(`Workspace check: cannot list the workspace's files: ${errorMessage(error)}`);
      return undefined;
    }
    this.logger.info(`Workspace check: pass ${pass} started, ${plural(files.length, 'file')} to check`);
    const result: { -readonly [K in keyof WorkspaceCheckResult]: number } = { ...NO_FILES, listingMs: performance.now() - started };
    const changed: ChangedFile[] = [];
    /** Files answered from the cache, by path: the ones a changed file's dependents may be among. */
    const fromCache = new Map<string, { readonly uri: vscode.Uri; readonly outcome: FileOutcome }>();
    const slice = new TimeSlice(SLICE_MS);
    if (
      !(await this.walk(files, pass, {
        cache,
        result,
        changed,
        fromCache,
        slice,
        token: run.token,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      }))
    ) {
      return this.answerCancelled(run);
    }
    // Cached files the walk did not meet: deleted, excluded since, or past MAX_FILES.
    const listed = new Set(files.map((uri) => uri.toString()));
    for (const key of [...cache.keys()]) {
      if (listed.has(key)) continue;
      changed.push({ path: vscode.Uri.parse(key).path, before: cache.peek(key), after: undefined });
      cache.delete(key);
    }
    // A file answered from the cache whose module changed: analysed again with what its module holds now.
    for (const dependent of this.dependentsOf(changed, fromCache.keys())) {
      if (run.token.isCancellationRequested) return this.answerCancelled(run);
      const { uri, outcome } = fromCache.get(dependent)!;
      const again = await this.checkFile(uri, await this.read(uri), pass, {
        cache,
        counts: { filesRead: 0, cacheHits: 0 },
        changed: [],
        skipCache: true,
      });
      count(result, outcome, -1);
      result.cacheHits--;
      count(result, again);
      await slice.yieldIfDue();
    }
    if (run.token.isCancellationRequested) return this.answerCancelled(run);
    // Published by an earlier pass and not seen by this one: deleted, excluded since, or past MAX_FILES.
    this.dropPublished((entry) => entry.pass < pass);
    await this.saveCache();
    result.durationMs = performance.now() - started;
    this.logger.info(workspacePassEndLogLine(pass, result));
    this.lastResult = result;
    this.doneEmitter.fire(result);
    return result;
  }

  /**
   * Checks each file as a pass does (read, cache, analyse, publish), in slices; false when cancelled. Files are
   * read a bounded number ahead of the analysis, so the disk and the analysis overlap.
   */
  private async walk(
    files: readonly vscode.Uri[],
    pass: number,
    work: {
      readonly cache: FindingsCache;
      readonly result: { -readonly [K in keyof WorkspaceCheckResult]: number };
      readonly changed: ChangedFile[];
      readonly fromCache: Map<string, { readonly uri: vscode.Uri; readonly outcome: FileOutcome }>;
      readonly slice: TimeSlice;
      readonly token?: vscode.CancellationToken;
      readonly onProgress?: (done: number, total: number) => void;
    },
  ): Promise<boolean> {
    const { result } = work;
    const next = readAhead(files, READ_AHEAD, (uri) =>
      this.diagnostics.isOpen(uri) ? Promise.resolve(undefined) : this.read(uri, work.cache.peek(uri.toString())),
    );
    const publishes: Array<readonly [vscode.Uri, readonly CodeFinding[]]> = [];
    const flush = () => {
      this.diagnostics.publishClosedMany(publishes);
      publishes.length = 0;
    };
    for (let index = 0; index < files.length; index++) {
      if (work.token?.isCancellationRequested) return false;
      const uri = files[index]!;
      const hitsBefore = result.cacheHits;
      const outcome = await this.checkFile(uri, await next(index), pass, {
        cache: work.cache,
        counts: result,
        changed: work.changed,
        publishes,
      });
      if (result.cacheHits > hitsBefore) work.fromCache.set(uri.path, { uri, outcome });
      count(result, outcome);
      if (work.slice.due) {
        flush();
        await work.slice.yieldIfDue();
        work.onProgress?.(index + 1, files.length);
      }
    }
    flush();
    work.onProgress?.(files.length, files.length);
    return true;
  }

  /**
   * Checks these files now as a pass does, whatever their scheme and folder (a pass covers workspace folders
   * only); the integration tests check a remote-like file system through it.
   */
  async checkFiles(files: readonly vscode.Uri[]): Promise<WorkspaceCheckResult> {
    const started = performance.now();
    const cache = await this.loadCache();
    const result: { -readonly [K in keyof WorkspaceCheckResult]: number } = { ...NO_FILES };
    await this.walk(files, this.passes, { cache, result, changed: [], fromCache: new Map(), slice: new TimeSlice(SLICE_MS) });
    result.durationMs = performance.now() - started;
    return result;
  }

  /** A pass cancelled by a newer one is answered by that one; cancelled by its caller (or dispose), by nothing. */
  private answerCancelled(run: vscode.CancellationTokenSource): Promise<WorkspaceCheckResult | undefined> | undefined {
    return this.run === run ? undefined : this.latest;
  }

  /** The handled files of every workspace folder (only those count in the progress). */
  private async findFiles(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const files = new Map<string, vscode.Uri>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (!this.enabledFor(folder)) continue;
      const found = await vscode.workspace.findFiles(
        new vscode.RelativePattern(folder, this.checkedFiles),
        this.scope(folder).exclude,
        MAX_FILES - files.size,
        token,
      );
      for (const uri of found) {
        if (analyzersFor(this.analyzers, uri.fsPath).length > 0) files.set(uri.toString(), uri);
      }
      if (files.size >= MAX_FILES) {
        this.logger.warn(`Workspace check: only the first ${MAX_FILES} files are checked`);
        break;
      }
    }
    return [...files.values()];
  }

  /**
   * `findFiles` applies files.exclude itself, but not search.exclude, and file events are not filtered at all:
   * both get the same list.
   */
  private scope(folder: vscode.WorkspaceFolder): FolderScope {
    const key = folder.uri.toString();
    let scope = this.scopes.get(key);
    if (!scope) {
      const { filesExclude, searchExclude } = readExcludeSettings(folder);
      const patterns = excludePatterns(filesExclude, searchExclude);
      scope = { exclude: excludeGlob(patterns), excludes: createExcludeMatcher(patterns) };
      this.scopes.set(key, scope);
    }
    return scope;
  }

  /** The shared file scope and the user's exclusions on a file of a workspace folder; undefined outside every folder. */
  private verdict(uri: vscode.Uri, sizeBytes: number | undefined): FileVerdict | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const relativePath = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
    return judgeWorkspaceFile({ relativePath, filePath: uri.fsPath, sizeBytes }, this.scope(folder).excludes, this.analyzers);
  }

  /** Whether the check keeps this file's results (its size is judged when it is read). */
  private covers(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return Boolean(folder && this.enabledFor(folder)) && this.verdict(uri, undefined) === 'checked';
  }

  /**
   * The file's bytes: from the local disk with Node's fs for `file:` URIs (the extension host's own disk), else
   * through workspace.fs (virtual and remote file systems).
   */
  read(uri: vscode.Uri, cached?: CachedFile): Promise<FileContent> {
    if (uri.scheme === 'file')
      return readDiskFile(uri.fsPath, MAX_CHECKED_FILE_BYTES, cached?.stamp ? { ...cached.stamp, hash: cached.hash } : undefined);
    return readThroughWorkspaceFs(uri);
  }

  private fileChanged(uri: vscode.Uri): void {
    for (const analyzer of this.analyzers) analyzer.fileChanged?.(uri.fsPath);
    this.enqueue(uri);
  }

  private fileDeleted(uri: vscode.Uri): void {
    for (const analyzer of this.analyzers) analyzer.fileChanged?.(uri.fsPath);
    const key = uri.toString();
    this.drop(uri);
    void this.loadCache().then((cache) => {
      const before = cache.peek(key);
      if (!before) return;
      cache.delete(key);
      this.enqueueDependents(cache, [{ path: uri.path, before, after: undefined }]);
      this.scheduleSave();
    });
  }

  private enqueue(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.queued.has(key)) return;
    if (!this.covers(uri)) {
      // Nothing would keep its results current (a file closed outside the workspace, or in an excluded folder).
      this.drop(uri);
      return;
    }
    this.queued.add(key);
    this.queue.push(uri);
    this.draining ??= this.drain()
      .catch(logRejection(this.logger, 'Workspace check of changed files'))
      .finally(() => {
        this.draining = undefined;
      });
  }

  private async drain(): Promise<void> {
    const cache = await this.loadCache();
    const slice = new TimeSlice(SLICE_MS);
    while (this.queue.length > 0) {
      const uri = this.queue.shift()!;
      const key = uri.toString();
      this.queued.delete(key);
      const skipCache = this.stale.delete(key);
      const changed: ChangedFile[] = [];
      const content = this.diagnostics.isOpen(uri) ? undefined : await this.read(uri);
      await this.checkFile(uri, content, this.passes, { cache, counts: { filesRead: 0, cacheHits: 0 }, changed, skipCache });
      this.enqueueDependents(cache, changed);
      await slice.yieldIfDue();
    }
    this.scheduleSave();
  }

  private enqueueDependents(cache: FindingsCache, changed: readonly ChangedFile[]): void {
    if (changed.length === 0) return;
    const byPath = new Map<string, vscode.Uri>();
    for (const key of cache.keys()) {
      const uri = vscode.Uri.parse(key);
      byPath.set(uri.path, uri);
    }
    for (const dependent of this.dependentsOf(changed, byPath.keys())) {
      const uri = byPath.get(dependent)!;
      this.stale.add(uri.toString());
      this.enqueue(uri);
    }
  }

  private dependentsOf(changed: readonly ChangedFile[], candidates: Iterable<string>): Set<string> {
    const dependents = new Set<string>();
    const relevant = changed.filter((file) => isTerraformFile(file.path));
    if (relevant.length === 0) return dependents;
    const paths = [...candidates];
    for (const file of relevant) {
      // A new file had no dependents before; a deleted one has none after: each is judged by the side it has.
      const before = file.before?.terraform ?? file.after?.terraform;
      const after = file.after?.terraform ?? file.before?.terraform;
      for (const dependent of dependentsOf(file.path, before, after, paths)) dependents.add(dependent);
    }
    for (const file of changed) dependents.delete(file.path);
    return dependents;
  }

  /**
   * Checks one file from its content (undefined: the file is open, and its live diagnostics count). From the
   * cache when its content and judging context are those cached (unless `skipCache`), else analysed and cached.
   */
  private async checkFile(
    uri: vscode.Uri,
    given: FileContent | undefined,
    pass: number,
    work: {
      readonly cache: FindingsCache;
      readonly counts: PassCounts;
      readonly changed: ChangedFile[];
      readonly skipCache?: boolean;
      /** Collects what to publish, for one message to the workbench per slice; unset: published at once. */
      readonly publishes?: Array<readonly [vscode.Uri, readonly CodeFinding[]]>;
    },
  ): Promise<FileOutcome> {
    let content = given;
    const handlers = analyzersFor(this.analyzers, uri.fsPath);
    if (handlers.length === 0) return { kind: 'not-checked' };
    const key = uri.toString();
    if (this.diagnostics.isOpen(uri) || !content) {
      // The live diagnostics own an open file: it counts with what they show now.
      this.published.delete(key);
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === key);
      const readers = document ? handlers.filter((analyzer) => analyzer.mayFindIn(document.getText())) : [];
      if (readers.length === 0) return { kind: 'nothing-to-check' };
      return { kind: kindOf(readers), findings: this.diagnostics.collection.get(uri)?.length ?? 0, parsed: false };
    }
    const { cache } = work;
    const context = this.context(uri);
    const contextKeys = this.contextKeysOf(context);
    if (content.kind === 'unchanged') {
      const cached = work.skipCache ? undefined : cache.lookup(key, content.hash, contextKeys);
      if (cached) {
        work.counts.filesRead++;
        return this.answerFromCache(uri, cached, pass, work);
      }
      // Judged with another policy or settings since: the text is needed.
      content = await this.read(uri);
    }
    if (content.kind === 'undecodable') {
      cache.delete(key);
      return this.undecodable(uri, pass, handlers, content.reason, content.lossy);
    }
    if (content.kind !== 'text') {
      if (cache.peek(key)) work.changed.push({ path: uri.path, before: cache.peek(key), after: undefined });
      cache.delete(key);
      this.drop(uri);
      return { kind: content.kind === 'too-large' ? 'too-large' : 'not-checked' };
    }
    work.counts.filesRead++;
    const cached = work.skipCache ? undefined : cache.lookup(key, content.hash, contextKeys);
    if (cached) {
      // Same content, touched on disk: the new stamp spares the next pass the read.
      if (content.stamp) cache.set(key, { ...cached, stamp: content.stamp });
      return this.answerFromCache(uri, cached, pass, work);
    }
    const text = content.text;
    const before = cache.peek(key);
    const identity = { hash: content.hash, ...(content.stamp ? { stamp: content.stamp } : {}) };
    const terraform = isTerraformFile(uri.path) ? terraformTraits(text) : undefined;
    const readers = handlers.filter((analyzer) => analyzer.mayFindIn(text));
    if (readers.length === 0) {
      this.remember(work, key, uri, before, {
        ...identity,
        outcome: 'nothing-to-check',
        findings: [],
        ...(terraform ? { terraform } : {}),
      });
      this.drop(uri);
      return { kind: 'nothing-to-check' };
    }
    const findings: CodeFinding[] = [];
    let failed = false;
    for (const analyzer of readers) {
      const session = analyzer.createSession(uri.fsPath);
      try {
        findings.push(...(await session.analyze(text, context)));
      } catch (error) {
        failed = true;
        this.logger.error(`${analyzer.id} failed on ${uri.fsPath}: ${errorMessage(error)}`);
      } finally {
        session.dispose();
      }
    }
    const kind = kindOf(readers);
    this.analyzedEmitter.fire(uri);
    // A failed analysis is tried again next time rather than remembered.
    if (failed) cache.delete(key);
    else
      this.remember(work, key, uri, before, {
        ...identity,
        outcome: kind,
        contextKey: contextKeys[kind],
        findings,
        ...(terraform ? { terraform } : {}),
      });
    // Opened while it was analysed: the live diagnostics have it now.
    if (this.diagnostics.isOpen(uri)) return { kind, findings: findings.length, parsed: true };
    this.publish(uri, findings, pass, work.publishes);
    return { kind, findings: findings.length, parsed: true };
  }

  private answerFromCache(
    uri: vscode.Uri,
    cached: CachedFile,
    pass: number,
    work: { readonly counts: PassCounts; readonly publishes?: Array<readonly [vscode.Uri, readonly CodeFinding[]]> },
  ): FileOutcome {
    work.counts.cacheHits++;
    if (cached.outcome === 'nothing-to-check') {
      this.drop(uri);
      return { kind: 'nothing-to-check' };
    }
    this.publish(uri, cached.findings, pass, work.publishes);
    return { kind: cached.outcome, findings: cached.findings.length, parsed: false };
  }

  private remember(
    work: { readonly cache: FindingsCache; readonly changed: ChangedFile[] },
    key: string,
    uri: vscode.Uri,
    before: CachedFile | undefined,
    after: CachedFile,
  ): void {
    work.cache.set(key, after);
    if (!before || before.hash !== after.hash) work.changed.push({ path: uri.path, before, after });
  }

  private publish(
    uri: vscode.Uri,
    findings: readonly CodeFinding[],
    pass: number,
    batch?: Array<readonly [vscode.Uri, readonly CodeFinding[]]>,
  ): void {
    if (this.diagnostics.isOpen(uri)) return;
    if (batch) batch.push([uri, findings]);
    else this.diagnostics.publishClosed(uri, findings);
    this.published.set(uri.toString(), { uri, pass });
  }

  /**
   * What a file's findings were judged with, as short keys: the same key means cached findings still hold. IaC
   * findings depend on the policy and settings; code findings (the region check) on the assumed and recorded
   * regions too. One computation per distinct context (the policy and regions are the same objects until they change).
   */
  private contextKeysOf(context: AnalyzerContext): Readonly<Record<'iac' | 'code', string>> {
    const parts = [
      context.policy,
      Boolean(context.policyMissing),
      context.configuredRegion,
      context.recordedRegions,
      (context.additionalTaggableTypes ?? []).join('\n'),
    ];
    const memo = this.contextKeyMemo;
    if (memo && memo.parts.every((part, index) => part === parts[index])) return memo.keys;
    const iac = {
      version: this.options.version,
      policy: context.policy,
      policyMissing: Boolean(context.policyMissing),
      additionalTaggableTypes: context.additionalTaggableTypes ?? [],
    };
    const keys = {
      iac: contextKeyOf(iac),
      code: contextKeyOf({
        ...iac,
        configuredRegions: REGION_TOOLS.map((tool) => context.configuredRegion?.(tool) ?? null),
        recordedRegions: context.recordedRegions ? [...context.recordedRegions].sort() : null,
      }),
    };
    this.contextKeyMemo = { parts, keys };
    return keys;
  }

  private loadCache(): Promise<FindingsCache> {
    this.cache ??= (async () => {
      const storage = this.options.storage;
      if (!storage) return new FindingsCache(this.options.version);
      try {
        const bytes = await vscode.workspace.fs.readFile(this.cacheFile!);
        const cache = await FindingsCache.parse(new TextDecoder().decode(bytes), this.options.version, new TimeSlice(SLICE_MS));
        this.logger.debug(`Workspace check: findings cache read, ${plural(cache.size, 'file')}`);
        return cache;
      } catch {
        return new FindingsCache(this.options.version);
      }
    })();
    return this.cache;
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.saveCache();
    }, CACHE_SAVE_DELAY_MS);
  }

  private async saveCache(): Promise<void> {
    const storage = this.options.storage;
    const cache = await this.loadCache();
    if (!storage || !cache.dirty) return;
    try {
      await vscode.workspace.fs.createDirectory(storage);
      await vscode.workspace.fs.writeFile(this.cacheFile!, new TextEncoder().encode(await cache.serialize(new TimeSlice(SLICE_MS))));
    } catch (error) {
      this.logger.warn(`Workspace check: cannot save the findings cache: ${errorMessage(error)}`);
    }
  }

  /** A file whose bytes are no text: a parse error when it looks like a file the analyzers check (never a silent skip). */
  private undecodable(uri: vscode.Uri, pass: number, handlers: readonly DocumentAnalyzer[], reason: string, lossy: string): FileOutcome {
    const readers = handlers.filter((analyzer) => analyzer.mayFindIn(lossy));
    if (readers.length === 0) {
      this.logger.warn(`Skipped ${uri.fsPath}: ${reason}.`);
      this.drop(uri);
      return { kind: 'nothing-to-check' };
    }
    this.diagnostics.publishClosed(uri, [undecodableFileFinding(reason)]);
    this.published.set(uri.toString(), { uri, pass });
    return { kind: kindOf(readers), findings: 1, parsed: true };
  }

  /** Removes a closed file's results (an open file keeps its live ones). */
  private drop(uri: vscode.Uri): void {
    this.published.delete(uri.toString());
    if (!this.diagnostics.isOpen(uri) && this.diagnostics.collection.has(uri)) this.diagnostics.forget(uri);
  }

  private dropPublished(stale: (entry: { readonly pass: number }) => boolean): void {
    for (const entry of [...this.published.values()]) {
      if (stale(entry)) this.drop(entry.uri);
    }
  }

  dispose(): void {
    this.run?.cancel();
    this.run?.dispose();
    this.queue.length = 0;
    this.stale.clear();
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      void this.saveCache();
    }
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** Size check then read, through the workspace's file system provider (a remote or virtual scheme). */
async function readThroughWorkspaceFs(uri: vscode.Uri): Promise<FileContent> {
  try {
    if ((await vscode.workspace.fs.stat(uri)).size > MAX_CHECKED_FILE_BYTES) return { kind: 'too-large' };
    return fileContentOf(await vscode.workspace.fs.readFile(uri));
  } catch {
    return { kind: 'unreadable' };
  }
}

function count(result: { -readonly [K in keyof WorkspaceCheckResult]: number }, outcome: FileOutcome, sign = 1): void {
  switch (outcome.kind) {
    case 'iac':
      result.iacFiles += sign;
      result.findings += sign * outcome.findings;
      break;
    case 'code':
      result.codeFiles += sign;
      result.findings += sign * outcome.findings;
      break;
    case 'nothing-to-check':
      result.nothingToCheck += sign;
      break;
    case 'too-large':
      result.tooLarge += sign;
      break;
  }
}

/** A file read by both kinds of analyzer (a CI workflow that is also YAML) counts as code. */
function kindOf(readers: readonly DocumentAnalyzer[]): 'iac' | 'code' {
  return readers.some((analyzer) => analyzer.kind === 'code') ? 'code' : 'iac';
}

/**
 * "Tagsight: Check Workspace": a full pass with progress in a notification (cancellable), then what it found,
 * with the way to the Problems panel. Resolves with the result (the integration tests read it).
 */
export async function checkWorkspaceCommand(check: WorkspaceCheck): Promise<WorkspaceCheckResult | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Tagsight checks the files of workspace folders: open a folder first.');
    return undefined;
  }
  if (!check.enabled) {
    void vscode.window
      .showInformationMessage("Tagsight's workspace check is turned off (tagsight.workspaceCheck.enabled).", 'Open Settings')
      .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'tagsight.workspaceCheck.enabled'));
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Tagsight: checking the workspace', cancellable: true },
    (progress, token) => {
      let reported = 0;
      return check.checkAll({
        token,
        onProgress: (done, total) => {
          const percent = (100 * done) / total;
          progress.report({ message: `${done} of ${plural(total, 'file')}`, increment: percent - reported });
          reported = percent;
        },
      });
    },
  );
  if (result) {
    void vscode.window
      .showInformationMessage(workspaceCheckMessage(result), 'Show Problems')
      .then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
  }
  return result;
}
