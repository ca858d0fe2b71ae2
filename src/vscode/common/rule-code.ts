import * as vscode from 'vscode';
import { type CodeRuleId, ruleDefinition } from '../../core/rule-catalog';

/**
 * A diagnostic's `code` for a rule of the catalog: its id, linked to the page and anchor that explain it inside the
 * installed extension (README.md ships in the .vsix), so the link works offline and matches the installed version.
 */
export type RuleCode = (rule: CodeRuleId) => { value: string; target: vscode.Uri };

export function ruleCodes(extensionUri: vscode.Uri): RuleCode {
  return (rule) => {
    const { page, anchor } = ruleDefinition(rule).documentation;
    return { value: rule, target: vscode.Uri.joinPath(extensionUri, page).with({ fragment: anchor }) };
  };
}
