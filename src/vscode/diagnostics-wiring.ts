import * as vscode from 'vscode';
import type { AnalyzerContext } from '../analyzers/document-analyzer';
import { createAnalyzers } from '../analyzers/registry';
import type { Logger } from '../core/logger';
import type { RequiredTag, TagPolicy } from '../core/tag-policy';
import { TagCodeActions } from './code-actions';
import { CodeDiagnostics } from './diagnostics';
import { PolicyService } from './policy-service';
import { WorkspaceCheck } from './workspace-check';

/**
 * The code checks in the editor, assembled: policy sources, live diagnostics, quick fixes, background workspace
 * check, and the `tagsight.checkWorkspace` command. `setAccountRequirements` is the hook for the account scan.
 */
export interface IacChecks extends vscode.Disposable {
  readonly policy: () => TagPolicy;
  readonly policyMissing: () => boolean;
  readonly diagnostics: CodeDiagnostics;
  readonly workspaceCheck: WorkspaceCheck;
  setAccountRequirements(requirements: readonly RequiredTag[]): void;
  /** Resolves when the policy was read and the first workspace pass started. */
  readonly ready: Promise<void>;
}

const DOCUMENT_SELECTOR: vscode.DocumentSelector = [
  { language: 'terraform' }, { language: 'yaml' }, { language: 'json' }, { language: 'jsonc' },
  { pattern: '**/*.{tf,template,yaml,yml,json}' },
  { language: 'javascript' }, { language: 'typescript' }, { language: 'javascriptreact' }, { language: 'typescriptreact' },
  { language: 'python' }, { language: 'shellscript' },
];

export function createIacChecks(logger: Logger, options: { additionalTaggableTypes?: () => readonly string[] } = {}): IacChecks {
  const analyzers = createAnalyzers();
  const policyService = new PolicyService(logger);
  const context = (): AnalyzerContext => {
    const additional = options.additionalTaggableTypes?.() ?? vscode.workspace.getConfiguration('tagsight').get<string[]>('terraform.additionalTaggableTypes', []);
    return { policy: policyService.policy, policyMissing: policyService.policyMissing, additionalTaggableTypes: additional, logger };
  };
  const diagnostics = new CodeDiagnostics(analyzers, context, logger);
  const workspaceCheck = new WorkspaceCheck(analyzers, context, diagnostics, logger);
  const disposables: vscode.Disposable[] = [
    policyService,
    diagnostics,
    workspaceCheck,
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new TagCodeActions(diagnostics), { providedCodeActionKinds: TagCodeActions.providedCodeActionKinds }),
    vscode.commands.registerCommand('tagsight.checkWorkspace', () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Tagsight: checking workspace' }, () => workspaceCheck.checkAll())),
    policyService.onDidChange(() => {
      diagnostics.refreshOpen();
      void workspaceCheck.checkAll();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('tagsight.diagnostics') || event.affectsConfiguration('tagsight.terraform.additionalTaggableTypes')) {
        diagnostics.refreshOpen();
        void workspaceCheck.checkAll();
      }
    }),
  ];
  // The policy's first read fires onDidChange, which starts the first workspace pass.
  const ready = policyService.start();
  return {
    policy: () => policyService.policy,
    policyMissing: () => policyService.policyMissing,
    diagnostics,
    workspaceCheck,
    setAccountRequirements: (requirements) => policyService.setAccountRequirements(requirements),
    ready,
    dispose: () => {
      for (const disposable of disposables.reverse()) disposable.dispose();
      for (const analyzer of analyzers) (analyzer as { dispose?: () => void }).dispose?.();
    },
  };
}
