import * as vscode from 'vscode';
import type { AwsClientFactory } from '../aws/clients';
import type { AccountScan } from '../core/account-scan';
import type { Logger } from '../core/logger';
import type { RequiredTag } from '../core/tag-policy';
import { AddMissingTagsCommand } from './add-missing-tags-command';
import { BlindSpotsService } from './blind-spots';
import { BlindSpotsSection } from './blind-spots-tree';

/**
 * Builds the blind-spot check, its Findings section and the "Add Missing Tags…" command, and ties them to the
 * account session: after each completed scan the check runs with the session's clients; after a tag write the
 * session refreshes. One owner (the returned disposable) for all of it.
 */
export interface AccountSessionView {
  /** The connected session's client factory; undefined when no profile is connected. */
  readonly clients: () => AwsClientFactory | undefined;
  readonly scan: () => AccountScan | undefined;
  /** Fired when a scan finished (successfully or not); the blind-spot check follows it. */
  readonly onDidFinishScan: vscode.Event<void>;
  readonly refresh: () => Promise<unknown>;
}

export interface BlindSpots extends vscode.Disposable {
  readonly service: BlindSpotsService;
  readonly section: BlindSpotsSection;
  readonly addMissingTags: AddMissingTagsCommand;
  /** Resolves when the check that follows the latest scan has finished. */
  readonly settled: () => Promise<void>;
}

export function createBlindSpots(logger: Logger, session: AccountSessionView, workspaceRequirements: () => readonly RequiredTag[]): BlindSpots {
  const service = new BlindSpotsService(logger, workspaceRequirements);
  const section = new BlindSpotsSection(service);
  const addMissingTags = new AddMissingTagsCommand({
    logger,
    clients: session.clients,
    scan: session.scan,
    workspaceRequirements,
    onWritten: () => void session.refresh(),
  });
  const subscription = session.onDidFinishScan(() => {
    const clients = session.clients();
    const scan = session.scan();
    if (!clients || !scan || scan.error || scan.cancelled) {
      service.clear();
      return;
    }
    void service.refresh(clients, scan);
  });
  return {
    service,
    section,
    addMissingTags,
    settled: () => service.settled(),
    dispose() {
      subscription.dispose();
      addMissingTags.dispose();
      section.dispose();
      service.dispose();
    },
  };
}
