import * as vscode from 'vscode';
import type { AnalyzerContext } from '../../analyzers/document-analyzer';
import { editorSourceFiles } from './editor-source-files';
import { createAnalyzers } from '../../analyzers/registry';
import type { AccountScan } from '../../core/account-model';
import { isActive } from '../../core/coverage';
import { logRejection, type Logger } from '../../core/logger';
import type { RequiredTag, TagPolicy } from '../../core/tag-policy';
import { TagCodeActions } from './code-actions';
import { ConfiguredRegionSource } from './configured-region-source';
import { CodeDiagnostics } from './diagnostics';
import { ruleCodes } from '../common/rule-code';
import { readResourceSettings } from '../common/settings';
import { PolicyService } from './workspace-policy';
import { WorkspaceCheck, checkWorkspaceCommand } from './workspace-check';

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
  /** The organization's tag policy as the connected account reads it (see ../account/organizations-policy.ts). */
  setOrganizationsRequirements(requirements: readonly RequiredTag[]): void;
  /** Regions with an active recorder in the connected account (undefined when unknown): the region check says so. */
  setRecordedRegions(regions: ReadonlySet<string> | undefined): void;
  /** Resolves when the policy was read and the first workspace pass started. */
  readonly ready: Promise<void>;
}

const DOCUMENT_SELECTOR: vscode.DocumentSelector = [
  { language: 'terraform' },
  { language: 'yaml' },
  { language: 'json' },
  { language: 'jsonc' },
  { pattern: '**/*.{tf,template,yaml,yml,json}' },
  { language: 'javascript' },
  { language: 'typescript' },
  { language: 'javascriptreact' },
  { language: 'typescriptreact' },
  { language: 'python' },
  { language: 'shellscript' },
  { language: 'makefile' },
  { language: 'go' },
  { language: 'java' },
  { language: 'csharp' },
];

export interface IacChecksOptions {
  /** The extension's folder: diagnostics link to the README.md inside it. */
  readonly extensionUri: vscode.Uri;
  /** Where the workspace check keeps its findings cache (the extension's workspace storage); none: memory only. */
  readonly storage?: vscode.Uri;
  /** The extension's version: the findings cache of another version is not used. */
  readonly version: string;
}

export function createIacChecks(logger: Logger, options: IacChecksOptions): IacChecks {
  const regions = new ConfiguredRegionSource(logger);
  let recordedRegions: ReadonlySet<string> | undefined;
  const analyzers = createAnalyzers();
  const ruleCode = ruleCodes(options.extensionUri);
  const policyService = new PolicyService(logger, ruleCode);
  // Resource-scoped settings with the file's own folder scope, as a multi-root workspace may set them per folder.
  // They vary by workspace folder, not by file: one read per folder until they change (a pass reads thousands of files).
  const additionalByFolder = new Map<string, readonly string[]>();
  const additionalFor = (file: vscode.Uri): readonly string[] => {
    const folder = vscode.workspace.getWorkspaceFolder(file);
    const key = folder?.uri.toString() ?? file.toString();
    let additional = additionalByFolder.get(key);
    if (!additional) {
      additional = readResourceSettings(folder ?? file).terraformAdditionalTaggableTypes;
      additionalByFolder.set(key, additional);
    }
    return additional;
  };
  const context = (file: vscode.Uri): AnalyzerContext => {
    const additionalTaggableTypes = additionalFor(file);
    const configuredRegion = regions.current();
    return {
      policy: policyService.policy,
      policyMissing: policyService.policyMissing,
      additionalTaggableTypes,
      logger,
      files: editorSourceFiles,
      ...(configuredRegion ? { configuredRegion } : {}),
      ...(recordedRegions ? { recordedRegions } : {}),
    };
  };
  const diagnostics = new CodeDiagnostics(analyzers, context, logger, ruleCode);
  const workspaceCheck = new WorkspaceCheck(analyzers, context, diagnostics, logger, {
    version: options.version,
    ...(options.storage ? { storage: options.storage } : {}),
  });
  // What every file is judged with changed: open files now, closed ones in a new pass.
  // The first pass waits for both the policy and the configured regions: a pass judged before either is read would
  // be redone at once, and would fill the findings cache with what nobody will ask for again.
  let sourcesRead = false;
  const recheck = (): void => {
    diagnostics.refreshOpen();
    if (sourcesRead) workspaceCheck.checkAll().catch(logRejection(logger, 'The workspace check'));
  };
  // Pulumi programs take default tags from their project's stack files (src/analyzers/pulumi/project-files.ts).
  const pulumiStacks = vscode.workspace.createFileSystemWatcher('**/Pulumi*.{yaml,yml}');
  const disposables: vscode.Disposable[] = [
    pulumiStacks,
    pulumiStacks.onDidChange(recheck),
    pulumiStacks.onDidCreate(recheck),
    pulumiStacks.onDidDelete(recheck),
    policyService,
    diagnostics,
    workspaceCheck,
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new TagCodeActions(diagnostics), {
      providedCodeActionKinds: TagCodeActions.providedCodeActionKinds,
    }),
    vscode.commands.registerCommand('tagsight.checkWorkspace', () => checkWorkspaceCommand(workspaceCheck)),
    regions,
    regions.onDidChange(recheck),
    policyService.onDidChange(recheck),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('tagsight.terraform.additionalTaggableTypes')) additionalByFolder.clear();
      if (event.affectsConfiguration('tagsight.diagnostics') || event.affectsConfiguration('tagsight.terraform.additionalTaggableTypes'))
        recheck();
      // Which files the workspace check covers.
      else if (
        ['tagsight.workspaceCheck.enabled', 'files.exclude', 'search.exclude'].some((section) => event.affectsConfiguration(section))
      ) {
        workspaceCheck.checkAll().catch(logRejection(logger, 'The workspace check'));
      }
    }),
  ];
  const ready = Promise.all([policyService.start(), regions.ready]).then(() => {
    sourcesRead = true;
    void workspaceCheck.checkAll();
  });
  return {
    policy: () => policyService.policy,
    policyMissing: () => policyService.policyMissing,
    diagnostics,
    workspaceCheck,
    setAccountRequirements: (requirements) => policyService.setAccountRequirements(requirements),
    setOrganizationsRequirements: (requirements) => policyService.setOrganizationsRequirements(requirements),
    setRecordedRegions: (next) => {
      const same =
        next === recordedRegions ||
        (next && recordedRegions && next.size === recordedRegions.size && [...next].every((r) => recordedRegions!.has(r)));
      recordedRegions = next;
      if (!same) recheck();
    },
    ready,
    dispose: () => {
      for (const disposable of disposables.reverse()) disposable.dispose();
      for (const analyzer of analyzers) (analyzer as { dispose?: () => void }).dispose?.();
    },
  };
}

/** The REQUIRED_TAGS requirements of every region's rules in a scan (none when disconnected or not yet scanned). */
export function accountRequirements(scan: AccountScan | undefined): RequiredTag[] {
  const seen = new Set<string>();
  const requirements: RequiredTag[] = [];
  for (const region of scan?.regions ?? []) {
    for (const rule of region.rules) {
      if (!rule.isRequiredTags) continue;
      for (const requirement of rule.requiredTags) {
        const id = JSON.stringify([requirement.key, requirement.allowedValues, requirement.resourceTypes, requirement.source.name]);
        if (seen.has(id)) continue;
        seen.add(id);
        requirements.push(requirement);
      }
    }
  }
  return requirements;
}

/**
 * Regions where the scan found an active recorder; undefined before a scan, or when a region could not be read
 * (a missing region would then be reported as having no recorder).
 */
export function recordedRegionsOf(scan: AccountScan | undefined): ReadonlySet<string> | undefined {
  if (!scan || scan.regions.some((region) => region.state === 'failed' || region.state === 'cancelled')) return undefined;
  return new Set(scan.regions.filter((region) => region.recorders.some(isActive)).map((region) => region.region));
}
