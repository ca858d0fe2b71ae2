import * as vscode from 'vscode';
import type { CodeFinding, CodeFix } from '../../core/code-finding';
import { stripSnippet } from '../../report/code-snippet';
import { toVsRange, toVsSnippetEdit, toVsTextEdit } from '../common/convert';
import type { CodeDiagnostics } from './diagnostics';

/**
 * Quick fixes from the analyzers' CodeFixes: each a minimal edit, with snippet placeholders for the values (allowed
 * values as choices). "Fix all missing tags in this file" (source.fixAll.tagsight) combines the fix-all edits of
 * every finding, with each placeholder's default text since a multi-place edit cannot be a snippet session.
 */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('tagsight');

export class TagCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly diagnostics: CodeDiagnostics) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const items = this.diagnostics.findingsFor(document);
    const actions: vscode.CodeAction[] = [];
    const wantsFixAll = !context.only || FIX_ALL_KIND.intersects(context.only) || context.only.contains(FIX_ALL_KIND);
    const wantsQuickFix = !context.only || vscode.CodeActionKind.QuickFix.intersects(context.only);
    const fixAllEdits = collectFixAll(items.map((item) => item.finding));
    if (wantsQuickFix) {
      for (const { diagnostic, finding } of items) {
        if (!diagnostic.range.intersection(range) && !context.diagnostics.some((d) => sameDiagnostic(d, diagnostic))) continue;
        for (const fix of finding.fixes ?? []) actions.push(this.quickFix(document, diagnostic, fix));
      }
      if (actions.length > 0 && fixAllEdits.length > 1) actions.push(this.fixAll(document, fixAllEdits, vscode.CodeActionKind.QuickFix));
    }
    if (wantsFixAll && fixAllEdits.length > 0 && context.only) actions.push(this.fixAll(document, fixAllEdits, FIX_ALL_KIND));
    return actions;
  }

  private quickFix(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, fix: CodeFix): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = fix.isPreferred ?? false;
    const edit = new vscode.WorkspaceEdit();
    edit.set(
      document.uri,
      fix.edits.map((e) => (fix.isSnippet ? toVsSnippetEdit(e, document) : toVsTextEdit(e))),
    );
    action.edit = edit;
    return action;
  }

  private fixAll(document: vscode.TextDocument, edits: vscode.TextEdit[], kind: vscode.CodeActionKind): vscode.CodeAction {
    const action = new vscode.CodeAction('Fix all missing tags in this file', kind);
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, edits);
    action.edit = edit;
    return action;
  }
}

function sameDiagnostic(a: vscode.Diagnostic, b: vscode.Diagnostic): boolean {
  return a.message === b.message && a.range.isEqual(b.range);
}

/** The first fix-all fix of each finding, placeholders filled with defaults, overlapping edits dropped. */
export function collectFixAll(findings: readonly CodeFinding[]): vscode.TextEdit[] {
  const edits: vscode.TextEdit[] = [];
  for (const finding of findings) {
    const fix = finding.fixes?.find((candidate) => candidate.fixAll);
    if (!fix) continue;
    const candidate = fix.edits.map((e) => new vscode.TextEdit(toVsRange(e.range), fix.isSnippet ? stripSnippet(e.newText) : e.newText));
    const overlaps = candidate.some((c) =>
      edits.some((e) => e.range.intersection(c.range) && !(e.range.isEmpty && c.range.isEmpty && !e.range.start.isEqual(c.range.start))),
    );
    if (!overlaps) edits.push(...candidate);
  }
  return edits;
}
