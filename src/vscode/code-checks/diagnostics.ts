import * as vscode from 'vscode';
import type { AnalysisSession, AnalyzerContext, DocumentAnalyzer, TextChange } from '../../analyzers/document-analyzer';
import { analyzersFor } from '../../analyzers/registry';
import type { CodeFinding } from '../../core/code-finding';
import { REGION_FROM_ENVIRONMENT, environmentRegionNote } from '../../core/configured-region';
import { errorMessage } from '../../core/errors';
import { isRegionCode } from '../../core/regions';
import type { Logger } from '../../core/logger';
import { type FindingSeverity, editorSeverity } from '../../core/rule-catalog';
import { fromVsContentChanges, toVsRange } from '../common/convert';
import type { RuleCode } from '../common/rule-code';
import { readResourceSettings } from '../common/settings';

/**
 * Diagnostics for code files, from every analyzer of the registry. Open documents: one session per document
 * and analyzer, debounced, incremental (the change events are passed on), results for stale versions dropped,
 * sessions disposed on close. Closed files: findings handed in by the workspace check. Both share one
 * collection, so closed files stay in the Problems panel.
 */
interface OpenDocument {
  readonly sessions: Array<{ analyzer: DocumentAnalyzer; session: AnalysisSession }>;
  /** Changes since the text the sessions last saw; undefined when unknown (then a full parse). */
  pending: TextChange[] | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  running: Promise<void>;
  /** How long the last analysis took (ms); undefined before the first. */
  lastCostMs: number | undefined;
}

/**
 * The wait after a keystroke adapts to what an analysis of this document costs: a cheap document is checked again
 * almost at once, an expensive one waits for a pause in typing, never longer than `tagsight.diagnostics.debounceMs`.
 */
const DEBOUNCE_PER_COST = 1;
const MIN_DEBOUNCE_MS = 10;

export function adaptiveDebounceMs(lastCostMs: number | undefined, maxMs: number): number {
  if (lastCostMs === undefined) return maxMs;
  return Math.min(maxMs, Math.max(MIN_DEBOUNCE_MS, Math.round(DEBOUNCE_PER_COST * lastCostMs)));
}

const TARGET_REGION_PROPERTIES = ['endpointRegion', 'clientRegion', 'bucketRegion'] as const;

export class CodeDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('tagsight');
  private readonly open = new Map<string, OpenDocument>();
  /** Findings behind each diagnostic of a file, for the code actions. */
  private readonly findings = new Map<
    string,
    { version: number | undefined; items: Array<{ diagnostic: vscode.Diagnostic; finding: CodeFinding }> }
  >();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changedEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a file's diagnostics are replaced (tests and views wait on it). */
  readonly onDidUpdate = this.changedEmitter.event;

  constructor(
    private readonly analyzers: readonly DocumentAnalyzer[],
    private readonly context: (file: vscode.Uri) => AnalyzerContext,
    private readonly logger: Logger,
    private readonly ruleCode: RuleCode,
  ) {
    this.disposables.push(
      this.collection,
      this.changedEmitter,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, undefined, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document, event.contentChanges);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.close(document)),
    );
    for (const document of vscode.workspace.textDocuments) this.schedule(document, undefined, 0);
  }

  isOpen(uri: vscode.Uri): boolean {
    return this.open.has(uri.toString());
  }

  /** Re-check every open document (policy or settings changed). */
  refreshOpen(): void {
    for (const document of vscode.workspace.textDocuments) {
      const state = this.open.get(document.uri.toString());
      if (state) state.pending = undefined;
      this.schedule(document, undefined, 0);
    }
  }

  private schedule(
    document: vscode.TextDocument,
    changes: readonly vscode.TextDocumentContentChangeEvent[] | undefined,
    delay?: number,
  ): void {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'vscode-remote') return;
    const key = document.uri.toString();
    let state = this.open.get(key);
    if (!state) {
      const handlers = analyzersFor(this.analyzers, document.uri.fsPath, document.languageId);
      if (handlers.length === 0) return;
      state = {
        sessions: handlers.map((analyzer) => ({ analyzer, session: analyzer.createSession(document.uri.fsPath) })),
        pending: undefined,
        timer: undefined,
        running: Promise.resolve(),
        lastCostMs: undefined,
      };
      this.open.set(key, state);
    } else if (changes) {
      const converted = fromVsContentChanges(changes);
      state.pending = converted && state.pending ? [...state.pending, ...converted] : undefined;
    }
    if (state.timer) clearTimeout(state.timer);
    const wait = delay ?? adaptiveDebounceMs(state.lastCostMs, readResourceSettings(document.uri).diagnostics.debounceMs);
    const target = state;
    target.timer = setTimeout(
      () => {
        target.timer = undefined;
        target.running = target.running.then(() => this.analyzeOpen(document, target));
      },
      Math.max(0, wait),
    );
  }

  private async analyzeOpen(document: vscode.TextDocument, state: OpenDocument): Promise<void> {
    if (this.open.get(document.uri.toString()) !== state || document.isClosed) return;
    const version = document.version;
    const text = document.getText();
    const changes = state.pending;
    // From here the sessions will have seen `text`: later edits accumulate from it.
    state.pending = [];
    const context = this.context(document.uri);
    const findings: CodeFinding[] = [];
    const started = performance.now();
    for (const { analyzer, session } of state.sessions) {
      try {
        findings.push(...(await session.analyze(text, context, changes)));
      } catch (error) {
        this.logger.error(`${analyzer.id} failed on ${document.uri.fsPath}: ${errorMessage(error)}`);
      }
    }
    state.lastCostMs = performance.now() - started;
    // A newer version is already scheduled: its results will replace these.
    if (document.version !== version || this.open.get(document.uri.toString()) !== state) return;
    this.publish(document.uri, findings, version);
  }

  /** Findings of a file that is not open (the workspace check). Ignored while the file is open. */
  publishClosed(uri: vscode.Uri, findings: readonly CodeFinding[]): void {
    this.publishClosedMany([[uri, findings]]);
  }

  /**
   * Findings of several closed files at once: one message to the workbench for all of them (the workspace check
   * publishes thousands in a pass). Open files are skipped.
   */
  publishClosedMany(files: ReadonlyArray<readonly [vscode.Uri, readonly CodeFinding[]]>): void {
    const entries: Array<[vscode.Uri, vscode.Diagnostic[]]> = [];
    const severityByFolder = new Map<string, FindingSeverity>();
    for (const [uri, findings] of files) {
      // Nothing to show and nothing shown: most files of a workspace.
      if (this.isOpen(uri) || (findings.length === 0 && !this.collection.has(uri))) continue;
      const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri;
      const folderKey = folder?.toString() ?? '';
      let severity = severityByFolder.get(folderKey);
      if (!severity) {
        severity = this.severitySetting(folder ?? uri);
        severityByFolder.set(folderKey, severity);
      }
      entries.push([uri, this.remember(uri, findings, undefined, severity)]);
    }
    if (entries.length === 0) return;
    this.collection.set(entries);
    for (const [uri] of entries) this.changedEmitter.fire(uri);
  }

  forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.countRegions(this.findings.get(uri.toString())?.items, -1);
    this.findings.delete(uri.toString());
  }

  private publish(uri: vscode.Uri, findings: readonly CodeFinding[], version: number | undefined): void {
    this.collection.set(uri, this.remember(uri, findings, version, this.severitySetting(uri)));
    this.changedEmitter.fire(uri);
  }

  private severitySetting(scope: vscode.Uri | vscode.WorkspaceFolder): FindingSeverity {
    return readResourceSettings(scope).diagnostics.severity;
  }

  /** The diagnostics of a file's findings, kept with them for the code actions. */
  private remember(
    uri: vscode.Uri,
    findings: readonly CodeFinding[],
    version: number | undefined,
    severitySetting: FindingSeverity,
  ): vscode.Diagnostic[] {
    const items = findings.map((finding) => {
      const diagnostic = new vscode.Diagnostic(
        toVsRange(finding.range),
        finding.message,
        toVsSeverity(editorSeverity(finding.rule, finding.severity, severitySetting)),
      );
      diagnostic.source = 'Tagsight';
      diagnostic.code = this.ruleCode(finding.rule);
      // The explanation behind the one-sentence message, and whether the user's environment decided the client's
      // region: VS Code lists both under the message in the hover.
      const location = new vscode.Location(uri, diagnostic.range);
      const related = (finding.details ?? []).map((detail) => new vscode.DiagnosticRelatedInformation(location, detail));
      const regionSource = finding.properties?.regionSource;
      if (finding.properties?.[REGION_FROM_ENVIRONMENT] === true && typeof regionSource === 'string') {
        related.push(new vscode.DiagnosticRelatedInformation(location, environmentRegionNote(regionSource)));
      }
      if (related.length > 0) diagnostic.relatedInformation = related;
      return { diagnostic, finding };
    });
    this.countRegions(this.findings.get(uri.toString())?.items, -1);
    this.countRegions(items, 1);
    this.findings.set(uri.toString(), { version, items });
    return items.map((item) => item.diagnostic);
  }

  /**
   * Regions the workspace's code sends calls to or creates buckets in, as its findings name them (a CreateBucket
   * call's endpoint, client and bucket regions). The Coverage view lists these regions before quiet ones.
   */
  targetedRegions(): Set<string> {
    return new Set([...this.regionCounts].filter(([, count]) => count > 0).map(([region]) => region));
  }

  /** Kept per publish, so a pass over thousands of files never re-reads every finding. */
  private readonly regionCounts = new Map<string, number>();

  private countRegions(items: ReadonlyArray<{ finding: CodeFinding }> | undefined, delta: 1 | -1): void {
    for (const { finding } of items ?? []) {
      for (const key of TARGET_REGION_PROPERTIES) {
        const value = finding.properties?.[key];
        if (typeof value === 'string' && isRegionCode(value)) this.regionCounts.set(value, (this.regionCounts.get(value) ?? 0) + delta);
      }
    }
  }

  /** The finding behind a diagnostic the editor hands back (same range, message and code). */
  findingsFor(document: vscode.TextDocument): Array<{ diagnostic: vscode.Diagnostic; finding: CodeFinding }> {
    const entry = this.findings.get(document.uri.toString());
    if (!entry || (entry.version !== undefined && entry.version !== document.version)) return [];
    return entry.items;
  }

  private close(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const state = this.open.get(key);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    this.open.delete(key);
    // Both ways, so this chain never rejects itself: a failed check was already reported where it ran.
    const disposeSessions = () => {
      for (const { session } of state.sessions) session.dispose();
    };
    state.running.then(disposeSessions, disposeSessions);
    // The diagnostics stay (the file's findings are still true); the version no longer applies.
    const entry = this.findings.get(key);
    if (entry) entry.version = undefined;
  }

  dispose(): void {
    for (const [key, state] of this.open) {
      if (state.timer) clearTimeout(state.timer);
      for (const { session } of state.sessions) session.dispose();
      this.open.delete(key);
    }
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function toVsSeverity(severity: FindingSeverity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
  }
}
