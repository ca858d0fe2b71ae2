import * as vscode from 'vscode';
import type { AwsClientFactory } from '../../aws/clients';
import { RuleReevaluator } from '../../aws/config-inventory-reevaluation';
import type { AccountScan } from '../../core/account-model';
import { logRejection, type Logger } from '../../core/logger';
import type { RequiredTag } from '../../core/tag-policy';
import type { Prompter } from '../../app/tagging/prompter';
import { AddMissingTagsCommand } from '../tagging/add-missing-tags-command';
import { BlindSpotsService } from './blind-spots-service';
import { registerBlindSpotsCommands } from '../account/finding-commands';
import { BlindSpotsSection } from './blind-spots-section';

/**
 * Builds the blind-spot check, its Findings section and the live-fix commands ("Add Missing Tags…", "Re-evaluate
 * Config Rule", "Open Definition in Code"), and ties them to the
 * account session: after each completed scan the check runs with the session's clients; after a verified tag
 * write the bucket's blind spot takes the tags written (no new scan: Config's own results do not change until
 * it records and evaluates the change). One owner (the returned disposable) for all of it.
 */
export interface AccountSessionView {
  /** The connected session's client factory; undefined when no profile is connected. */
  readonly clients: () => AwsClientFactory | undefined;
  readonly scan: () => AccountScan | undefined;
  /** "profile dev", "default credentials" or "demo account". */
  readonly connectionLabel: string;
  /** Fired when a scan finished (successfully or not); the blind-spot check follows it. */
  readonly onDidFinishScan: vscode.Event<void>;
}

export interface BlindSpots extends vscode.Disposable {
  readonly service: BlindSpotsService;
  readonly section: BlindSpotsSection;
  readonly addMissingTags: AddMissingTagsCommand;
  /** Resolves when the check that follows the latest scan has finished. */
  readonly settled: () => Promise<void>;
}

export function createBlindSpots(
  logger: Logger,
  session: AccountSessionView,
  workspaceRequirements: () => readonly RequiredTag[],
  prompter: () => Prompter,
): BlindSpots {
  const service = new BlindSpotsService(logger, workspaceRequirements);
  const section = new BlindSpotsSection(service);
  // One limiter of StartConfigRulesEvaluation for both commands that call it.
  const reevaluator = new RuleReevaluator();
  const commands = registerBlindSpotsCommands({
    logger,
    config: (region) => session.clients()?.config(region),
    scan: session.scan,
    reevaluator,
  });
  const addMissingTags = new AddMissingTagsCommand({
    logger,
    reevaluator,
    clients: session.clients,
    scan: session.scan,
    connectionLabel: () => session.connectionLabel,
    blindSpots: () => service.report,
    workspaceRequirements,
    prompter,
    onWritten: (target, verified) => {
      if (target.kind === 's3-bucket') service.recordWrittenTags(target.bucket, target.region, verified, target.requirements);
    },
  });
  const subscription = session.onDidFinishScan(() => {
    const clients = session.clients();
    const scan = session.scan();
    // A cancelled scan keeps the last report (nothing new is known); a failed or missing one clears it.
    if (scan?.cancelled) return;
    if (!clients || !scan || scan.error) {
      service.clear();
      return;
    }
    service.refresh(clients, scan).catch(logRejection(logger, 'The blind-spot check'));
  });
  return {
    service,
    section,
    addMissingTags,
    settled: () => service.settled(),
    dispose() {
      subscription.dispose();
      commands.dispose();
      addMissingTags.dispose();
      section.dispose();
      service.dispose();
    },
  };
}
