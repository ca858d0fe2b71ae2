import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3ControlClient } from '@aws-sdk/client-s3-control';
import { REEVALUATION_EXPLANATION, type ReevaluationOutcome, type RuleReevaluator } from '../../aws/config-inventory-reevaluation';
import { classifyAwsError } from '../../aws/errors';
import { abacBucketTagStore, bucketTagStore, isBucketAbacEnabled } from '../../aws/s3-tagging';
import { resourceTagStore } from '../../aws/tagging-resources';
import { TagsightError, isAbortError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { managedEvidence, type IacFile, type IacLocation } from '../../core/managed-resource';
import { validateTagValue } from '../../core/tag-limits';
import { applyTagMerge, planTagMerge, type TagMergePlan, type TagStore, type TagWriteOutcome } from '../../core/tag-merge';
import { evaluateTags, requirementsFor, valueAllowed, type RequiredTag, type TagSet } from '../../core/tag-policy';
import { plural } from '../../core/wording';
import type { Prompter } from './prompter';

/**
 * "Add missing tags…": the whole live fix, from a finding, a blind spot or the watch. Reads the current tags
 * through the resource's home-region client, asks a value per missing key, warns when infrastructure code
 * looks to manage the resource, shows the exact before/after in a modal, writes only after that confirmation,
 * then reads back, and for a resource Config has recorded offers re-evaluation. Only the AWS calls run under
 * `progress`: every question and follow-up is asked outside it, so a progress notification never outlives the
 * work. No vscode import: the extension passes a Prompter and a progress runner.
 */
export type TagTarget =
  | {
      readonly kind: 's3-bucket';
      readonly bucket: string;
      readonly region: string;
      readonly requirements: readonly RequiredTag[];
      readonly ruleNames: readonly string[];
      /** Config has not discovered the bucket: there is nothing for it to re-evaluate. */
      readonly blindSpot: boolean;
    }
  | {
      readonly kind: 'resource';
      readonly arn: string;
      readonly resourceType: string;
      readonly resourceId: string;
      readonly region: string;
      readonly requirements: readonly RequiredTag[];
      readonly ruleNames: readonly string[];
    };

export interface TaggingClients {
  s3(region: string): S3Client;
  s3Control(region: string): S3ControlClient;
  tagging(region: string): ResourceGroupsTaggingAPIClient;
  config(region: string): ConfigServiceClient;
}

/** Runs AWS work under a cancellable progress indicator titled `title`; the work gets its cancellation signal. */
export type RunWithProgress = <T>(title: string, work: (signal: AbortSignal | undefined) => Promise<T>) => Promise<T>;

export interface AddMissingTagsDeps {
  readonly clients: TaggingClients;
  readonly prompter: Prompter;
  readonly readOnly: () => boolean;
  readonly logger: Logger;
  readonly reevaluator: RuleReevaluator;
  /** The workspace's Terraform and CloudFormation files, for the "looks managed" check. */
  readonly iacFiles?: () => Promise<readonly IacFile[]>;
  readonly openDefinition?: (location: IacLocation) => Promise<void>;
  /** For S3 Control calls on ABAC buckets. */
  readonly accountId?: () => Promise<string | undefined>;
  /** "account 123456789012, profile dev": named in the write confirmation, so nobody writes to the wrong account. */
  readonly accountLabel?: () => string | undefined;
  /** Defaults to running the work with `signal` and no indicator. */
  readonly progress?: RunWithProgress;
  /** After a write read back and verified, before any follow-up is offered: the views show the new tags. */
  readonly onWritten?: (target: TagTarget, verified: TagSet) => void;
  readonly signal?: AbortSignal;
}

export type AddMissingTagsResult =
  | { readonly kind: 'read-only' | 'nothing-missing' | 'cancelled' | 'opened-definition'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string }
  | (TagWriteOutcome & { readonly reevaluation?: ReevaluationOutcome });

function describeTarget(target: TagTarget): string {
  return target.kind === 's3-bucket'
    ? `bucket ${target.bucket} in ${target.region}`
    : `${target.resourceId} (${target.resourceType}) in ${target.region}`;
}

async function storeFor(target: TagTarget, deps: AddMissingTagsDeps): Promise<{ store: TagStore; how: string }> {
  if (target.kind === 'resource') {
    return {
      store: resourceTagStore(deps.clients.tagging(target.region), target.arn, target.region),
      how: `TagResources in ${target.region}`,
    };
  }
  const s3 = deps.clients.s3(target.region);
  const bucket = target.bucket;
  const abacStore = async () => {
    const accountId = await deps.accountId?.();
    if (!accountId)
      throw new TagsightError(
        'no-account-id',
        `Bucket ${bucket} uses ABAC, which needs S3 Control and the account id; the account id is unknown. Nothing was written.`,
      );
    return abacBucketTagStore(deps.clients.s3Control(target.region), accountId, bucket, target.region);
  };
  if (await isBucketAbacEnabled(s3, bucket, deps.signal)) {
    return { store: await abacStore(), how: `S3 Control TagResource in ${target.region} (ABAC bucket)` };
  }
  return {
    store: bucketTagStore(s3, bucket, target.region, { abacFallback: abacStore }),
    how: `PutBucketTagging through ${target.region}, the bucket's home region`,
  };
}

function failure(error: unknown, operation: string, afterWrite: boolean): { kind: 'failed'; message: string } {
  if (error instanceof TagsightError) return { kind: 'failed', message: error.message };
  const message = classifyAwsError(error, operation).message;
  const state = afterWrite
    ? ' The write may or may not have happened; either way the resource keeps every tag it had (the write sends the full merged set).'
    : ' Nothing was written.';
  return { kind: 'failed', message: message + state };
}

function valueQuestionFor(key: string, requirements: readonly RequiredTag[], resource: string, current: string | undefined) {
  const onKey = requirements.filter((requirement) => requirement.key === key);
  const allowedValues = onKey.find((requirement) => requirement.allowedValues?.length)?.allowedValues ?? [];
  return {
    key,
    resource,
    allowedValues,
    requiredBy: [...new Set(onKey.map((requirement) => requirement.source.name))].join(', '),
    currentValue: current,
    validate(value: string): string | undefined {
      if (value.trim() === '' && onKey.length > 0) return `Enter a value for ${key}.`;
      const problem = validateTagValue(key, value);
      if (problem) return problem;
      const refused = onKey.find((requirement) => !valueAllowed(requirement, value));
      return refused ? `${refused.source.name} allows only: ${refused.allowedValues?.join(', ')}` : undefined;
    },
  };
}

export async function addMissingTags(target: TagTarget, deps: AddMissingTagsDeps): Promise<AddMissingTagsResult> {
  const resource = describeTarget(target);
  const { prompter, logger } = deps;
  const done = (result: AddMissingTagsResult): AddMissingTagsResult => {
    logger.info(`Add missing tags on ${resource}: ${result.kind}`);
    return result;
  };
  if (deps.readOnly()) {
    const message = 'Tagsight is read-only (setting tagsight.readOnly): no tags are written.';
    prompter.info(message);
    return done({ kind: 'read-only', message });
  }

  const progress: RunWithProgress = deps.progress ?? ((_title, work) => work(deps.signal));
  let store: TagStore;
  let how: string;
  let preview: TagSet;
  try {
    ({ store, how, preview } = await progress(`reading the tags of ${resource}`, async (signal) => {
      const found = await storeFor(target, { ...deps, signal });
      return { ...found, preview: await found.store.read(signal) };
    }));
  } catch (error) {
    if (isAbortError(error)) return done({ kind: 'cancelled', message: 'Cancelled.' });
    const result = failure(error, 'read tags', false);
    prompter.error(`Could not read the tags of ${resource}: ${result.message}`);
    return done(result);
  }

  const resourceType = target.kind === 's3-bucket' ? 'AWS::S3::Bucket' : target.resourceType;
  const evaluation = evaluateTags(preview, requirementsFor({ requirements: target.requirements }, resourceType));
  const keys = [...evaluation.missing.map((requirement) => requirement.key), ...evaluation.disallowed.map((d) => d.requirement.key)];
  if (keys.length === 0) {
    const message = `${resource} already carries every required tag; nothing to write.`;
    prompter.info(message);
    return done({ kind: 'nothing-missing', message });
  }

  const additions: Record<string, string> = {};
  for (const key of [...new Set(keys)]) {
    const value = await prompter.askValue(valueQuestionFor(key, target.requirements, resource, preview[key]));
    if (value === undefined) return done({ kind: 'cancelled', message: 'Cancelled: nothing was written.' });
    additions[key] = value;
  }

  let plan;
  try {
    plan = planTagMerge(preview, additions);
  } catch (error) {
    const result = failure(error, 'merge tags', false);
    prompter.error(result.message);
    return done(result);
  }

  const name = target.kind === 's3-bucket' ? target.bucket : target.resourceId;
  const evidence = managedEvidence(name, preview, (await deps.iacFiles?.().catch(() => [])) ?? []);
  if (evidence.length > 0) {
    const choice = await prompter.chooseWhenManaged(resource, evidence);
    if (choice === undefined) return done({ kind: 'cancelled', message: 'Cancelled: nothing was written.' });
    if (choice === 'open-definition') {
      const location = evidence.find((item) => item.kind === 'iac-reference');
      if (location?.kind === 'iac-reference' && deps.openDefinition) await deps.openDefinition(location.location);
      return done({ kind: 'opened-definition', message: 'Opened the definition; nothing was written live.' });
    }
  }

  if (!(await prompter.confirmWrite({ resource, plan, how, account: deps.accountLabel?.() })))
    return done({ kind: 'cancelled', message: 'Cancelled: nothing was written.' });

  const added = Object.entries(additions)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  logger.info(`Writing tags to ${resource} with ${how}: ${added}`);
  let outcome: TagWriteOutcome;
  try {
    outcome = await progress(`writing tags to ${resource}`, (signal) => applyTagMerge(store, preview, additions, signal));
  } catch (error) {
    const result = failure(error, 'write tags', true);
    logger.warn(`Tag write on ${resource} ${isAbortError(error) ? 'cancelled' : 'failed'}: ${result.message}`);
    prompter.error(`Tagging ${resource} failed. ${result.message}`);
    return done(result);
  }
  logger.info(`Tag write on ${resource}: ${describeOutcome(outcome)}`);
  switch (outcome.kind) {
    case 'changed-since-preview':
      await prompter.showChangedSincePreview(resource, outcome.preview, outcome.current);
      return done(outcome);
    case 'unchanged':
      prompter.info(`${resource} already had these tags; nothing was written.`);
      return done(outcome);
    case 'verification-failed':
      // One sentence on screen; why (someone else may have written at the same time) goes to the log.
      logger.warn(`Tag write on ${resource}: reading back shows a different set; someone else may have written at the same time.`);
      prompter.warn(`Wrote the tags of ${resource}, but reading them back shows a different set: check it before relying on it.`);
      return done(outcome);
    case 'written':
      break;
  }
  deps.onWritten?.(target, outcome.verified);
  if (target.kind === 's3-bucket' && target.blindSpot) {
    // One sentence on screen; what is likely to happen next, and why, goes to the log.
    logger.info(blindSpotFollowUp(target.region));
    prompter.info(
      `Added ${added} to ${resource} (verified); it stays a blind spot until Config in ${target.region} likely discovers it (see the log).`,
    );
    return done(outcome);
  }
  prompter.info(`Added ${added} to ${resource} (read back and verified).`);
  let reevaluation: ReevaluationOutcome | undefined;
  if (target.ruleNames.length > 0) logger.info(`Re-evaluation: ${REEVALUATION_EXPLANATION}`);
  if (target.ruleNames.length > 0 && (await prompter.offerReevaluation(target.ruleNames, target.region, REEVALUATION_EXPLANATION))) {
    try {
      reevaluation = await progress(`asking Config in ${target.region} to re-evaluate`, (signal) =>
        deps.reevaluator.reevaluate(deps.clients.config(target.region), target.region, target.ruleNames, signal),
      );
      logger.info(`Re-evaluate ${target.ruleNames.join(', ')} in ${target.region}: ${reevaluation.kind}`);
      prompter.info(reevaluation.explanation);
    } catch (error) {
      const message = classifyAwsError(error, 'StartConfigRulesEvaluation').message;
      logger.warn(`Re-evaluating ${target.ruleNames.join(', ')} in ${target.region} could not start: ${message}`);
      prompter.warn(`Re-evaluation could not start: ${message}`);
    }
  }
  return done({ ...outcome, reevaluation });
}

/**
 * Why a blind spot gets no re-evaluation, and what is likely to happen instead. That Config's recorder picks up
 * a call recorded in its own region is inferred, not documented (UNCONFIRMED: docs/aws-behaviour.md#config-discovery).
 */
export function blindSpotFollowUp(region: string): string {
  return (
    `Config has not discovered this bucket, so there is nothing for it to re-evaluate yet. The tagging call went through ${region}, ` +
    `the bucket's home region, so CloudTrail records it there, and Config's recorder in ${region} is likely to pick it up and then ` +
    'evaluate the bucket (likely: AWS does not document it). Until Config lists the bucket, it stays a blind spot.'
  );
}

/** For the log: what the write did and what reading back showed. Tag values are fine to log; nothing here is secret. */
function describeOutcome(outcome: TagWriteOutcome): string {
  switch (outcome.kind) {
    case 'written':
      return `wrote ${describeKeys(outcome.plan)}; read back and verified`;
    case 'verification-failed': {
      const differing = Object.keys(outcome.plan.after).filter((key) => outcome.actual[key] !== outcome.plan.after[key]);
      return `wrote ${describeKeys(outcome.plan)}; reading back does NOT match (${differing.join(', ')} differ)`;
    }
    case 'changed-since-preview':
      return 'nothing written: the tags changed since the preview';
    case 'unchanged':
      return 'nothing written: the resource already had these tags';
  }
}

function describeKeys(plan: TagMergePlan): string {
  const parts = [
    plan.added.length > 0 ? `added ${plan.added.join(', ')}` : undefined,
    plan.changed.length > 0 ? `changed ${plan.changed.join(', ')}` : undefined,
  ].filter(Boolean);
  return `${parts.join('; ')} (${plural(Object.keys(plan.after).length, 'tag')} in all)`;
}
