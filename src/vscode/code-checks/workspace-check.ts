import * as vscode from 'vscode';
import type { AnalyzerContext, DocumentAnalyzer } from '../../analyzers/document-analyzer';
import { analyzersFor } from '../../analyzers/registry';
import type { CodeFinding } from '../../core/code-finding';
import { errorMessage } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { plural } from '../../core/wording';
import type { CodeDiagnostics } from './diagnostics';
import { NO_FILES, type WorkspaceCheckResult, workspaceCheckLogLine, workspaceCheckMessage } from '../../app/workspace-check/workspace-check-result';
import { CHECKED_FILES_GLOB, MAX_FILE_BYTES, createExcludeMatcher, excludeGlob, excludePatterns } from '../../app/workspace-check/workspace-scope';

/**
 * Every file of the workspace an analyzer handles (Terraform, CloudFormation, plans, and the code the region
 * check reads), checked in the background so that Problems lists closed files too; which files is decided in
 * src/app/workspace-check/workspace-scope.ts. One walk, at a bounded pace (a tick parses a few files or reads a
 * few dozen, then yields, so the extension host stays responsive), cancellable. Each file's text first meets its analyzers' cheap tests
 * (`mayFindIn`: a template, a plan, a CreateBucket call), so most code files are read and never parsed. Files
 * changed, created or closed are checked again and deleted ones dropped; open files are left to the live
 * diagnostics. Results this check published for files it no longer covers are removed.
 */
const TICK_MS = 25;
/** A tick's work: reading a file costs 1, parsing one PARSE_COST, so a tick parses 4 files or reads 32. */
const TICK_BUDGET = 32;
const PARSE_COST = 8;
const MAX_FILES = 20000;

type FileOutcome =
  | { readonly kind: 'iac' | 'code'; readonly findings: number; readonly parsed: boolean }
  | { readonly kind: 'nothing-to-check' | 'too-large' | 'not-checked' };

export interface CheckAllOptions {
  /** Told after each tick how many of the pass's files are done. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Cancels this pass (a newer pass cancels it too, and then answers for it). */
  readonly token?: vscode.CancellationToken;
}

interface FolderScope {
  readonly exclude: string;
  readonly excludes: (relativePath: string) => boolean;
}

export class WorkspaceCheck implements vscode.Disposable {
  private run: vscode.CancellationTokenSource | undefined;
  private latest: Promise<WorkspaceCheckResult | undefined> = Promise.resolve(undefined);
  private passes = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly doneEmitter = new vscode.EventEmitter<WorkspaceCheckResult>();
  /** Fires when a full pass completes. */
  readonly onDidComplete = this.doneEmitter.event;
  private readonly queue: vscode.Uri[] = [];
  private readonly queued = new Set<string>();
  private draining = false;
  /** Closed files whose diagnostics this check published, with the pass that last did. */
  private readonly published = new Map<string, { readonly uri: vscode.Uri; readonly pass: number }>();
  /** Per workspace folder, read again at each full pass (settings changes start one). */
  private readonly scopes = new Map<string, FolderScope>();

  constructor(
    private readonly analyzers: readonly DocumentAnalyzer[],
    private readonly context: () => AnalyzerContext,
    private readonly diagnostics: CodeDiagnostics,
    private readonly logger: Logger,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(CHECKED_FILES_GLOB);
    this.disposables.push(
      watcher,
      this.doneEmitter,
      watcher.onDidChange((uri) => this.enqueue(uri)),
      watcher.onDidCreate((uri) => this.enqueue(uri)),
      watcher.onDidDelete((uri) => this.drop(uri)),
      // A file just closed may have changed since its last save-independent check: re-read it from disk.
      vscode.workspace.onDidCloseTextDocument((document) => this.enqueue(document.uri)),
    );
  }

  get enabled(): boolean {
    return vscode.workspace.getConfiguration('tagsight').get<boolean>('workspaceCheck.enabled', true);
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

  private async fullPass(run: vscode.CancellationTokenSource, pass: number, options: CheckAllOptions): Promise<WorkspaceCheckResult | undefined> {
    if (!this.enabled) {
      this.dropPublished(() => true);
      return undefined;
    }
    let files: vscode.Uri[];
    try {
      files = await this.findFiles(run.token);
    } catch (error) {
      if (run.token.isCancellationRequested) return this.answerCancelled(run);
      this.logger.error(`Workspace check: cannot list the workspace's files: ${errorMessage(error)}`);
      return undefined;
    }
    const result: { -readonly [K in keyof WorkspaceCheckResult]: number } = { ...NO_FILES };
    let spent = 0;
    for (let index = 0; index < files.length; index++) {
      if (run.token.isCancellationRequested) return this.answerCancelled(run);
      const outcome = await this.checkFile(files[index]!, pass);
      switch (outcome.kind) {
        case 'iac': result.iacFiles++; result.findings += outcome.findings; break;
        case 'code': result.codeFiles++; result.findings += outcome.findings; break;
        case 'nothing-to-check': result.nothingToCheck++; break;
        case 'too-large': result.tooLarge++; break;
      }
      spent += 'parsed' in outcome && outcome.parsed ? PARSE_COST : 1;
      if (spent >= TICK_BUDGET || index === files.length - 1) {
        options.onProgress?.(index + 1, files.length);
        spent = 0;
        await new Promise<void>((resolve) => setTimeout(resolve, TICK_MS));
      }
    }
    if (run.token.isCancellationRequested) return this.answerCancelled(run);
    // Published by an earlier pass and not seen by this one: deleted, excluded since, or past MAX_FILES.
    this.dropPublished((entry) => entry.pass < pass);
    this.logger.info(workspaceCheckLogLine(result));
    this.doneEmitter.fire(result);
    return result;
  }

  /** A pass cancelled by a newer one is answered by that one; cancelled by its caller (or dispose), by nothing. */
  private answerCancelled(run: vscode.CancellationTokenSource): Promise<WorkspaceCheckResult | undefined> | undefined {
    return this.run === run ? undefined : this.latest;
  }

  private async findFiles(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const files = new Map<string, vscode.Uri>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, CHECKED_FILES_GLOB), this.scope(folder).exclude, MAX_FILES - files.size, token);
      for (const uri of found) files.set(uri.toString(), uri);
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
      const patterns = excludePatterns(
        vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude'),
        vscode.workspace.getConfiguration('search', folder.uri).get<Record<string, unknown>>('exclude'),
      );
      scope = { exclude: excludeGlob(patterns), excludes: createExcludeMatcher(patterns) };
      this.scopes.set(key, scope);
    }
    return scope;
  }

  /** Whether the check keeps this file's results: in a workspace folder, not excluded, handled by an analyzer. */
  private covers(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || !this.enabled) return false;
    const relative = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
    return !this.scope(folder).excludes(relative) && analyzersFor(this.analyzers, uri.fsPath).length > 0;
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
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      let spent = 0;
      while (this.queue.length > 0) {
        const uri = this.queue.shift()!;
        this.queued.delete(uri.toString());
        const outcome = await this.checkFile(uri, this.passes);
        spent += 'parsed' in outcome && outcome.parsed ? PARSE_COST : 1;
        if (spent >= TICK_BUDGET) {
          spent = 0;
          await new Promise<void>((resolve) => setTimeout(resolve, TICK_MS));
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async checkFile(uri: vscode.Uri, pass: number): Promise<FileOutcome> {
    const handlers = analyzersFor(this.analyzers, uri.fsPath);
    if (handlers.length === 0) return { kind: 'not-checked' };
    const key = uri.toString();
    if (this.diagnostics.isOpen(uri)) {
      // The live diagnostics own an open file: it counts with what they show now.
      this.published.delete(key);
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === key);
      const readers = document ? handlers.filter((analyzer) => analyzer.mayFindIn(document.getText())) : [];
      if (readers.length === 0) return { kind: 'nothing-to-check' };
      return { kind: kindOf(readers), findings: this.diagnostics.collection.get(uri)?.length ?? 0, parsed: false };
    }
    let text: string;
    try {
      if ((await vscode.workspace.fs.stat(uri)).size > MAX_FILE_BYTES) {
        this.drop(uri);
        return { kind: 'too-large' };
      }
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.drop(uri);
      return { kind: 'not-checked' };
    }
    const readers = handlers.filter((analyzer) => analyzer.mayFindIn(text));
    if (readers.length === 0) {
      this.drop(uri);
      return { kind: 'nothing-to-check' };
    }
    const context = this.context();
    const findings: CodeFinding[] = [];
    for (const analyzer of readers) {
      const session = analyzer.createSession(uri.fsPath);
      try {
        findings.push(...(await session.analyze(text, context)));
      } catch (error) {
        this.logger.error(`${analyzer.id} failed on ${uri.fsPath}: ${errorMessage(error)}`);
      } finally {
        session.dispose();
      }
    }
    // Opened while it was analysed: the live diagnostics have it now.
    if (this.diagnostics.isOpen(uri)) return { kind: kindOf(readers), findings: findings.length, parsed: true };
    this.diagnostics.publishClosed(uri, findings);
    this.published.set(key, { uri, pass });
    return { kind: kindOf(readers), findings: findings.length, parsed: true };
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
    for (const disposable of this.disposables) disposable.dispose();
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
      .showInformationMessage('Tagsight\'s workspace check is turned off (tagsight.workspaceCheck.enabled).', 'Open Settings')
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
