import * as vscode from 'vscode';
import type { AccountScan } from '../../core/account-model';
import type { BlindSpotReport } from '../../core/blind-spot';
import type { Logger } from '../../core/logger';
import type { RequiredTag } from '../../core/tag-policy';
import type { RuleReevaluator } from '../../aws/config-inventory-reevaluation';
import type { TagSet } from '../../core/tag-policy';
import {
  addMissingTags,
  type AddMissingTagsResult,
  type RunWithProgress,
  type TagTarget,
  type TaggingClients,
} from '../../app/tagging/add-missing-tags';
import type { Prompter } from '../../app/tagging/prompter';
import { resolveTagTarget } from '../../app/tagging/tag-target';
import { openIacLocation, workspaceIacFiles } from '../common/workspace-iac-search';
import { readSettings } from '../common/settings';

/**
 * Registers `tagsight.addMissingTags`. The argument may be a blind-spot node, a finding node or a watch
 * notification's target (see src/app/tagging/tag-target.ts). Everything account-related comes from the session
 * through these getters, so the command always uses the current profile's clients and the latest scan.
 */
export interface AddMissingTagsCommandDeps {
  readonly logger: Logger;
  /** Undefined when no profile is connected. */
  readonly clients: () => TaggingClients | undefined;
  readonly scan: () => AccountScan | undefined;
  /** "profile dev", "default credentials", "demo account". */
  readonly connectionLabel: () => string;
  readonly blindSpots: () => BlindSpotReport | undefined;
  readonly workspaceRequirements: () => readonly RequiredTag[];
  /** Shared with "Re-evaluate Config Rule": AWS allows one call a minute per rule set. */
  readonly reevaluator: RuleReevaluator;
  /** Called after a write read back and verified, before any follow-up: the views show the tags now written. */
  readonly onWritten?: (target: TagTarget, verified: TagSet) => void;
  /** Who answers the questions: the user through vscode.window, or (test mode only) an integration test. */
  readonly prompter: () => Prompter;
}

export class AddMissingTagsCommand implements vscode.Disposable {
  private readonly registration: vscode.Disposable;
  /** The last outcome, for tests and the log. */
  lastResult: AddMissingTagsResult | undefined;
  private openProgress = 0;

  constructor(private readonly deps: AddMissingTagsCommandDeps) {
    this.registration = vscode.commands.registerCommand('tagsight.addMissingTags', (argument: unknown) => this.run(argument));
  }

  /** Whether one of its progress notifications is up; for tests: none may be while a question waits for the user. */
  get progressShown(): boolean {
    return this.openProgress > 0;
  }

  /** A cancellable notification around one step of AWS work, closed as soon as that work ends. */
  private readonly progress: RunWithProgress = (title, work) =>
    Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Tagsight: ${title}`, cancellable: true },
        async (_progress, token) => {
          const controller = new AbortController();
          const cancellation = token.onCancellationRequested(() => controller.abort());
          this.openProgress++;
          try {
            return await work(controller.signal);
          } finally {
            this.openProgress--;
            cancellation.dispose();
          }
        },
      ),
    );

  /** The code path every caller uses (tree, palette, watch notification). */
  async run(argument?: unknown): Promise<AddMissingTagsResult | undefined> {
    const prompter = this.deps.prompter();
    const clients = this.deps.clients();
    if (!clients) {
      prompter.warn('Connect an AWS profile first (Tagsight: Select AWS Profile).');
      return undefined;
    }
    // From the palette: pick among the current blind spots and non-compliant resources.
    const chosen = argument ?? (await this.pickResource());
    if (chosen === undefined) return undefined;
    const target = resolveTagTarget(chosen, {
      scan: this.deps.scan(),
      blindSpots: this.deps.blindSpots(),
      workspaceRequirements: this.deps.workspaceRequirements(),
    });
    if (!target) {
      prompter.warn('Choose "Add Missing Tags…" on a blind spot or a non-compliant resource in the Findings view.');
      return undefined;
    }
    // The user's value only: a workspace can never turn writes back on.
    const readOnly = () => readSettings().readOnly;
    // Progress covers the AWS calls only: the questions before the write and the offers after it are not work
    // in progress, and a notification left up while they wait would read as a hung write.
    const result = await addMissingTags(target, {
      clients,
      prompter,
      readOnly,
      logger: this.deps.logger,
      reevaluator: this.deps.reevaluator,
      iacFiles: workspaceIacFiles,
      openDefinition: openIacLocation,
      accountId: async () => this.deps.scan()?.identity?.accountId,
      accountLabel: () => {
        const accountId = this.deps.scan()?.identity?.accountId;
        return accountId ? `account ${accountId} (${this.deps.connectionLabel()})` : this.deps.connectionLabel();
      },
      progress: this.progress,
      onWritten: this.deps.onWritten,
    });
    this.lastResult = result;
    return result;
  }

  private async pickResource(): Promise<unknown> {
    const spots = (this.deps.blindSpots()?.blindSpots ?? []).map((spot) => ({
      label: spot.bucket,
      description: `${spot.region} · blind spot`,
      detail: spot.prediction.summary,
      node: { blindSpot: spot },
    }));
    const findings = (this.deps.scan()?.regions ?? []).flatMap((region) =>
      region.nonCompliant.map((resource) => ({
        label: resource.resourceId,
        description: `${resource.region} · ${resource.resourceType} · ${resource.ruleName}`,
        detail: resource.missingKeys === 'unknown' ? undefined : `missing ${resource.missingKeys.join(', ')}`,
        node: { region: resource.region, resourceType: resource.resourceType, resourceId: resource.resourceId, arn: resource.arn },
      })),
    );
    const items = [...spots, ...findings];
    if (items.length === 0) {
      void vscode.window.showInformationMessage('Nothing to tag: no blind spot and no non-compliant resource in the last scan.');
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { title: 'Add missing tags to which resource?', matchOnDescription: true }))?.node;
  }

  dispose(): void {
    this.registration.dispose();
  }
}
