import * as vscode from 'vscode';
import { cloudFormationPatternForOrganizationsType } from '../../analyzers/taggable-types';
import type { AwsClientFactory } from '../../aws/clients';
import { type OrganizationsRequiredTags, readOrganizationsRequiredTags } from '../../aws/organizations-required-tags';
import { errorMessage } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { RequiredTag } from '../../core/tag-policy';
import type { AccountSession } from './account-session';
import { readSettings } from '../common/settings';

/**
 * Feeds the organization's tag policy (ListRequiredTags, read in the session's home region) into the code checks'
 * policy: read when the session connects and on each refresh (a scan starting), cleared on disconnect. Off, and no
 * call made, while `tagsight.useAccountRules` is off. Credentials that may not call it are normal (most member
 * accounts): the reason and any unmapped types go to the log once per connection, never as a toast.
 */
export interface OrganizationsPolicyProbe {
  /** The last read's outcome (undefined before the first read, while off, or when disconnected). */
  readonly lastResult: () => OrganizationsRequiredTags | undefined;
  /** Resolves when the read in flight (if any) has been applied. */
  readonly settled: () => Promise<void>;
}

export function followOrganizationsRequiredTags(
  session: Pick<AccountSession, 'onDidChange' | 'state' | 'clients'>,
  setRequirements: (requirements: readonly RequiredTag[]) => void,
  logger: Logger,
): vscode.Disposable & OrganizationsPolicyProbe {
  let controller: AbortController | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let lastResult: OrganizationsRequiredTags | undefined;
  let wasScanning = false;
  let readFactory: AwsClientFactory | undefined;
  /** Messages already logged for the current connection: a refresh that finds the same says nothing. */
  const logged = new Set<string>();

  // The same reading as every other feature: the user's own value (the setting is application-scoped).
  const enabled = () => readSettings().useAccountRules;

  const logOnce = (message: string) => {
    if (logged.has(message)) return;
    logged.add(message);
    logger.info(message);
  };

  const clear = () => {
    controller?.abort();
    controller = undefined;
    lastResult = undefined;
    setRequirements([]);
  };

  const read = (factory: AwsClientFactory) => {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    if (factory !== readFactory) logged.clear();
    readFactory = factory;
    inFlight = (async () => {
      try {
        const region = await factory.homeRegion();
        const result = await readOrganizationsRequiredTags(factory.tagging(region), {
          resolveType: cloudFormationPatternForOrganizationsType,
          signal: current.signal,
        });
        if (current.signal.aborted) return;
        lastResult = result;
        if (result.status === 'not-allowed') logOnce(result.reason);
        else if (result.unmappedTypes.length > 0) {
          logOnce(
            `The organization's tag policy requires tags for types Tagsight cannot map to CloudFormation types; they are not checked in code: ${[...new Set(result.unmappedTypes)].join(', ')}.`,
          );
        }
        setRequirements(result.requirements);
      } catch (error) {
        if (current.signal.aborted) return;
        // Not fatal: the other sources still apply. The previous requirements stay until a read succeeds.
        logger.warn(`The organization's required tags could not be read (ListRequiredTags): ${errorMessage(error)}`);
      }
    })();
  };

  const onSessionChange = () => {
    const factory = session.clients();
    const scanning = session.state.kind === 'scanning';
    const started = scanning && !wasScanning;
    wasScanning = scanning;
    if (!factory || session.state.kind === 'disconnected') {
      readFactory = undefined;
      clear();
      return;
    }
    // A scan starting is a connect or a refresh: the organization's policy may have changed too.
    if (started && enabled()) read(factory);
  };

  const disposables = [
    session.onDidChange(onSessionChange),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('tagsight.useAccountRules')) return;
      const factory = session.clients();
      if (!enabled()) clear();
      else if (factory && session.state.kind !== 'disconnected') read(factory);
    }),
  ];

  return {
    lastResult: () => lastResult,
    settled: () => inFlight,
    dispose: () => {
      controller?.abort();
      for (const disposable of disposables) disposable.dispose();
    },
  };
}
