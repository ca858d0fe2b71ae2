import * as vscode from 'vscode';
import type { AnalyzerContext, DocumentAnalyzer } from '../analyzers/document-analyzer';
import { analyzersFor } from '../analyzers/registry';
import type { CodeFinding } from '../core/code-finding';
import { errorMessage } from '../core/errors';
import type { Logger } from '../core/logger';
import type { CodeDiagnostics } from './diagnostics';

/**
 * The whole workspace's IaC files, checked in the background at a bounded pace (a few files per tick, so the
 * extension host stays responsive) and cancellable; changed files on disk are re-checked. Open files are left to
 * the live diagnostics.
 */
const FILES_PER_TICK = 4;
const TICK_MS = 25;
const INCLUDE = '**/*.{tf,yaml,yml,json,template}';
const EXCLUDE = '{**/node_modules/**,**/.terraform/**,**/.git/**,**/cdk.out/**,**/.aws-sam/**}';

export class WorkspaceCheck implements vscode.Disposable {
  private run: vscode.CancellationTokenSource | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly doneEmitter = new vscode.EventEmitter<number>();
  /** Fires with the number of files checked when a full pass completes. */
  readonly onDidComplete = this.doneEmitter.event;
  private readonly queue: vscode.Uri[] = [];
  private queued = new Set<string>();
  private draining = false;

  constructor(
    private readonly analyzers: readonly DocumentAnalyzer[],
    private readonly context: () => AnalyzerContext,
    private readonly diagnostics: CodeDiagnostics,
    private readonly logger: Logger,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(INCLUDE);
    this.disposables.push(
      watcher,
      this.doneEmitter,
      watcher.onDidChange((uri) => this.enqueue(uri)),
      watcher.onDidCreate((uri) => this.enqueue(uri)),
      watcher.onDidDelete((uri) => this.diagnostics.forget(uri)),
      // A file just closed may have changed since its last save-independent check: re-read it from disk.
      vscode.workspace.onDidCloseTextDocument((document) => this.enqueue(document.uri)),
    );
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration('tagsight').get<boolean>('workspaceCheck.enabled', true);
  }

  /** (Re)starts a full pass; a pass already running is cancelled first. */
  async checkAll(): Promise<number> {
    this.run?.cancel();
    this.run?.dispose();
    const run = new vscode.CancellationTokenSource();
    this.run = run;
    if (!this.enabled()) return 0;
    const files = await vscode.workspace.findFiles(INCLUDE, EXCLUDE, 20000, run.token);
    let checked = 0;
    for (let i = 0; i < files.length; i += FILES_PER_TICK) {
      if (run.token.isCancellationRequested) return checked;
      for (const uri of files.slice(i, i + FILES_PER_TICK)) {
        if (await this.checkFile(uri)) checked++;
      }
      await new Promise<void>((resolve) => setTimeout(resolve, TICK_MS));
    }
    if (!run.token.isCancellationRequested) {
      this.logger.info(`Workspace check: ${checked} IaC and code files checked`);
      this.doneEmitter.fire(checked);
    }
    return checked;
  }

  private enqueue(uri: vscode.Uri): void {
    if (!this.enabled() || this.queued.has(uri.toString())) return;
    this.queued.add(uri.toString());
    this.queue.push(uri);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        for (const uri of this.queue.splice(0, FILES_PER_TICK)) {
          this.queued.delete(uri.toString());
          await this.checkFile(uri);
        }
        await new Promise<void>((resolve) => setTimeout(resolve, TICK_MS));
      }
    } finally {
      this.draining = false;
    }
  }

  private async checkFile(uri: vscode.Uri): Promise<boolean> {
    if (this.diagnostics.isOpen(uri)) return false;
    const handlers = analyzersFor(this.analyzers, uri.fsPath);
    if (handlers.length === 0) return false;
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.diagnostics.forget(uri);
      return false;
    }
    const context = this.context();
    const findings: CodeFinding[] = [];
    for (const analyzer of handlers) {
      const session = analyzer.createSession(uri.fsPath);
      try {
        findings.push(...(await session.analyze(text, context)));
      } catch (error) {
        this.logger.error(`${analyzer.id} failed on ${uri.fsPath}: ${errorMessage(error)}`);
      } finally {
        session.dispose();
      }
    }
    this.diagnostics.publishClosed(uri, findings);
    return true;
  }

  dispose(): void {
    this.run?.cancel();
    this.run?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
