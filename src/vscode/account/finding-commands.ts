import * as vscode from 'vscode';
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { RuleReevaluator } from '../../aws/config-inventory-reevaluation';
import { classifyAwsError } from '../../aws/errors';
import type { AccountScan } from '../../core/account-model';
import type { Logger } from '../../core/logger';
import { findDefinitions, openIacLocation } from '../common/workspace-iac-search';

/**
 * The two node commands of the live fix besides "Add Missing Tags…": "Re-evaluate Config Rule" (at most once a
 * minute, explaining that Config re-evaluates the last recorded state only) and "Open Definition in Code" (the
 * Terraform or CloudFormation that names the resource, where the tag belongs).
 */
export interface BlindSpotsCommandDeps {
  readonly logger: Logger;
  readonly config: (region: string) => ConfigServiceClient | undefined;
  readonly scan: () => AccountScan | undefined;
  readonly reevaluator: RuleReevaluator;
}

interface RuleRef {
  readonly ruleName: string;
  readonly region?: string;
}

function ruleRefOf(node: unknown): RuleRef | undefined {
  const record = node as { ruleName?: unknown; region?: unknown } | null;
  if (typeof record?.ruleName !== 'string') return undefined;
  return { ruleName: record.ruleName, region: typeof record.region === 'string' ? record.region : undefined };
}

/** The regions whose scan has the rule: a rule name is per region, and the same name may exist in several. */
function regionsWithRule(scan: AccountScan | undefined, ruleName: string): string[] {
  return (scan?.regions ?? []).filter((region) => region.rules.some((rule) => rule.name === ruleName)).map((region) => region.region);
}

async function pickRule(scan: AccountScan | undefined): Promise<RuleRef | undefined> {
  const items = (scan?.regions ?? []).flatMap((region) =>
    region.rules
      .filter((rule) => rule.isRequiredTags)
      .map((rule) => ({ label: rule.name, description: region.region, ref: { ruleName: rule.name, region: region.region } })),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage('The last scan found no REQUIRED_TAGS rule to re-evaluate.');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title: 'Re-evaluate which Config rule?' }))?.ref;
}

function nameOf(node: unknown): string | undefined {
  const record = node as { resourceId?: unknown; blindSpot?: { bucket?: unknown } } | null;
  if (typeof record?.blindSpot?.bucket === 'string') return record.blindSpot.bucket;
  return typeof record?.resourceId === 'string' ? record.resourceId : undefined;
}

export function registerBlindSpotsCommands(deps: BlindSpotsCommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('tagsight.reevaluateRule', async (node?: unknown) => {
      const ref = ruleRefOf(node) ?? (await pickRule(deps.scan()));
      if (!ref) return undefined;
      const regions = ref.region ? [ref.region] : regionsWithRule(deps.scan(), ref.ruleName);
      const outcomes = [];
      for (const region of regions) {
        const config = deps.config(region);
        if (!config) {
          void vscode.window.showWarningMessage('Connect an AWS profile first (Tagsight: Select AWS Profile).');
          return undefined;
        }
        try {
          const outcome = await deps.reevaluator.reevaluate(config, region, [ref.ruleName]);
          deps.logger.info(`Re-evaluate ${ref.ruleName} in ${region}: ${outcome.kind}. ${outcome.explanation}`);
          // One sentence on screen; the explanation is in the log.
          void vscode.window.showInformationMessage(
            `${ref.ruleName} (${region}): ${outcome.kind === 'started' ? 'evaluation started (details in the log).' : firstSentence(outcome.explanation)}`,
          );
          outcomes.push(outcome);
        } catch (error) {
          deps.logger.error(`Re-evaluating ${ref.ruleName} in ${region} failed`, error);
          void vscode.window.showErrorMessage(
            `Re-evaluating ${ref.ruleName} in ${region} failed: ${classifyAwsError(error, 'StartConfigRulesEvaluation').message}`,
          );
        }
      }
      return outcomes;
    }),
    vscode.commands.registerCommand('tagsight.openDefinition', async (node?: unknown) => {
      const name = nameOf(node);
      if (!name) {
        void vscode.window.showInformationMessage('Choose "Open Definition in Code" on a resource in the Findings view.');
        return undefined;
      }
      const locations = await findDefinitions(name);
      if (locations.length === 0) {
        void vscode.window.showInformationMessage(`No Terraform or CloudFormation file in this workspace names ${name}.`);
        return undefined;
      }
      const location =
        locations.length === 1
          ? locations[0]
          : (
              await vscode.window.showQuickPick(
                locations.map((candidate) => ({
                  label: `${candidate.path}:${candidate.line + 1}`,
                  description: candidate.kind,
                  candidate,
                })),
                { title: `Definitions that name ${name}` },
              )
            )?.candidate;
      if (location) await openIacLocation(location);
      return location;
    }),
  );
}

function firstSentence(text: string): string {
  const end = text.search(/[.!?](\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}
