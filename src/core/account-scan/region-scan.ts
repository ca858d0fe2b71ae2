import { missingKeysFromAnnotation, toConfigRule, type RawConfigRule } from '../account-rules';
import {
  resourceArn,
  type ConfigRule,
  type DeliveryChannel,
  type NonCompliantResource,
  type Recorder,
  type RecorderSummary,
  type RegionOptIn,
  type RegionOptStatus,
  type RegionPartError,
  type RegionScan,
} from '../account-model';
import { coverageVerdict } from '../coverage';
import type { CallPriority } from '../scan-limiter';
import type { ScanError } from '../scan-error';
import { evaluateTags, type TagSet } from '../tag-policy';
import type { IdentityResult } from './account-steps';
import {
  TAG_READ_BATCH,
  type DeliveryChannelStatus,
  type EvaluationResult,
  type RegionConfigPort,
  type ScanOptions,
  type ScanPorts,
} from './ports';
import type { ScanCalls } from './scan-calls';

/**
 * One region's scan: recorders (with their settings, status and delivery channels) and rules (with the
 * NON_COMPLIANT results of each REQUIRED_TAGS rule, and the tags of those whose missing keys Config did not name),
 * read in parallel. A part that fails is an error of that part; the rest of the region still shows.
 */

const DISABLED: ReadonlySet<RegionOptStatus> = new Set(['DISABLED', 'DISABLING']);

/** What every step of one region's scan shares. */
interface RegionRun {
  readonly calls: ScanCalls;
  readonly ports: ScanPorts;
  readonly options: ScanOptions;
  readonly identity: Promise<IdentityResult>;
  readonly region: string;
  readonly api: RegionConfigPort;
  /** Tails: what can still follow a call in this region (rules -> results -> tag reads; recorders -> describes). */
  readonly at: (depth: number, tail?: number) => CallPriority;
  /** The region's part errors, in the order they happened. */
  readonly errors: RegionPartError[];
}

export interface RegionScanInput {
  readonly calls: ScanCalls;
  readonly ports: ScanPorts;
  readonly options: ScanOptions;
  readonly identity: Promise<IdentityResult>;
}

export async function scanRegion(input: RegionScanInput, optIn: RegionOptIn, regionIndex: number): Promise<RegionScan> {
  const { calls, ports, options } = input;
  const region = optIn.region;
  const empty = { region, optStatus: optIn.status, recorders: [], deliveryChannels: [], rules: [], nonCompliant: [], errors: [] };
  if (DISABLED.has(optIn.status)) {
    return { ...empty, state: 'disabled', verdict: coverageVerdict({ optStatus: optIn.status, recorders: [], deliveryChannels: [] }) };
  }
  const cancelledRegion = (): RegionScan => ({
    ...empty,
    state: 'cancelled',
    verdict: coverageVerdict({ optStatus: optIn.status, recorders: [], deliveryChannels: [], cancelled: true }),
  });
  if (calls.signal.aborted) return cancelledRegion();
  options.onProgress?.({ type: 'region-started', region });
  const run: RegionRun = {
    ...input,
    region,
    api: ports.region(region),
    at: (depth, tail = 0) => ({ depth, tail, regionIndex }),
    errors: [],
  };
  const [recorderPart, rulePart] = await Promise.all([readRecorders(run), readRules(run)]);
  if (calls.fatal || calls.signal.aborted) return cancelledRegion();

  const failure = recorderPart.failure;
  const verdict = coverageVerdict({
    optStatus: optIn.status,
    recorders: recorderPart.recorders,
    deliveryChannels: recorderPart.channels,
    failure,
  });
  // A region that rejects the credentials rejects every call: say it once, as the region's verdict.
  const partErrors = verdict.kind === 'region-disabled' ? run.errors.filter((error) => error.kind !== 'region-disabled') : run.errors;
  return {
    ...empty,
    state: failure ? (verdict.kind === 'region-disabled' ? 'disabled' : 'failed') : 'scanned',
    recorders: recorderPart.recorders,
    deliveryChannels: recorderPart.channels,
    rules: rulePart.rules,
    nonCompliant: rulePart.nonCompliant,
    errors: partErrors,
    verdict,
  };
}

/** A region whose scan threw where nothing should: shown as failed with the reason, never losing the others. */
export function failedRegion(calls: ScanCalls, optIn: RegionOptIn, failure: ScanError): RegionScan {
  if (calls.fatal || calls.signal.aborted) failure = { kind: 'cancelled', message: 'Cancelled.' };
  const cancelled = failure.kind === 'cancelled';
  return {
    region: optIn.region,
    optStatus: optIn.status,
    state: cancelled ? 'cancelled' : 'failed',
    recorders: [],
    deliveryChannels: [],
    rules: [],
    nonCompliant: [],
    errors: cancelled ? [] : [{ ...failure, part: 'recorders' }],
    verdict: coverageVerdict({ optStatus: optIn.status, recorders: [], deliveryChannels: [], failure, cancelled }),
  };
}

async function readRecorders(run: RegionRun): Promise<{ recorders: Recorder[]; channels: DeliveryChannel[]; failure?: ScanError }> {
  const { calls, api, at, errors } = run;
  const signal = calls.signal;
  let summaries: RecorderSummary[];
  try {
    summaries = await calls.pages('ListConfigurationRecorders', api.listRecorders(signal), at(0, 1));
  } catch (error) {
    const scanError = calls.errorOf(error, 'ListConfigurationRecorders');
    errors.push({ ...scanError, part: 'recorders' });
    return { recorders: [], channels: [], failure: scanError };
  }
  if (summaries.length === 0) return { recorders: [], channels: [] };
  // The list pages are the chain so far; describes start one level deeper.
  const depth = 1;
  const channelsTask = readChannels(run, depth);
  const described = await Promise.allSettled(
    summaries.map(async (summary): Promise<Recorder> => {
      const [settings, status] = await Promise.all([
        calls.call('DescribeConfigurationRecorders', at(depth), () => api.describeRecorder(summary, signal)),
        calls.call('DescribeConfigurationRecorderStatus', at(depth), () => api.describeRecorderStatus(summary, signal)),
      ]);
      return { ...summary, ...settings, status };
    }),
  );
  const channels = await channelsTask;
  const recorders: Recorder[] = [];
  let failure: ScanError | undefined;
  described.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') recorders.push(outcome.value);
    else {
      failure ??= calls.errorOf(outcome.reason, 'DescribeConfigurationRecorders');
      recorders.push(summaries[index]!);
    }
  });
  if (failure) errors.push({ ...failure, part: 'recorders' });
  return { recorders, channels, failure };
}

async function readChannels(run: RegionRun, depth: number): Promise<DeliveryChannel[]> {
  const { calls, api, at, errors } = run;
  const [channels, statuses] = await Promise.allSettled([
    calls.call('DescribeDeliveryChannels', at(depth), () => api.describeDeliveryChannels(calls.signal)),
    calls.call('DescribeDeliveryChannelStatus', at(depth), () => api.describeDeliveryChannelStatus(calls.signal)),
  ]);
  if (channels.status === 'rejected') {
    errors.push({ ...calls.errorOf(channels.reason, 'DescribeDeliveryChannels'), part: 'delivery-channels' });
    return [];
  }
  if (statuses.status === 'rejected')
    errors.push({ ...calls.errorOf(statuses.reason, 'DescribeDeliveryChannelStatus'), part: 'delivery-channels' });
  const byName = new Map(statuses.status === 'fulfilled' ? statuses.value.map((status) => [status.name, status]) : []);
  return channels.value.map((channel) => {
    const status = byName.get(channel.name);
    return status ? { ...channel, ...withoutName(status) } : channel;
  });
}

async function readRules(run: RegionRun): Promise<{ rules: ConfigRule[]; nonCompliant: NonCompliantResource[] }> {
  const { calls, ports, api, at, errors, region } = run;
  let raw: RawConfigRule[];
  try {
    raw = await calls.pages('DescribeConfigRules', api.describeRules(calls.signal), at(0, ports.readTags ? 2 : 1));
  } catch (error) {
    errors.push({ ...calls.errorOf(error, 'DescribeConfigRules'), part: 'rules' });
    return { rules: [], nonCompliant: [] };
  }
  const rules = raw.map((rule) => toConfigRule(rule, region));
  // The first results page of a rule waits for the rules pages before it.
  const depth = Math.max(1, Math.ceil(raw.length / 25));
  let deepest = depth;
  const perRule = await Promise.all(
    rules
      .filter((rule) => rule.isRequiredTags)
      .map(async (rule) => {
        const { results, pagesDeep } = await readNonCompliant(run, rule, depth);
        deepest = Math.max(deepest, pagesDeep);
        return results;
      }),
  );
  const nonCompliant = perRule.flat();
  return { rules, nonCompliant: ports.readTags ? await withTagsRead(run, rules, nonCompliant, deepest + 1) : nonCompliant };
}

/** The NON_COMPLIANT results of one REQUIRED_TAGS rule, from the region or through the aggregator. */
async function readNonCompliant(
  run: RegionRun,
  rule: ConfigRule,
  depth: number,
): Promise<{ results: NonCompliantResource[]; pagesDeep: number }> {
  const { calls, ports, options, api, at, errors, region } = run;
  const viaAggregator = options.aggregator && ports.aggregateNonCompliantResults ? options.aggregator : undefined;
  const operation = viaAggregator ? 'GetAggregateComplianceDetailsByConfigRule' : 'GetComplianceDetailsByConfigRule';
  try {
    let source = api.nonCompliantResults(rule.name, calls.signal);
    if (viaAggregator) {
      const identity = await run.identity;
      if (!('identity' in identity)) throw identity.error;
      source = ports.aggregateNonCompliantResults!(viaAggregator, rule.name, identity.identity.accountId, region, calls.signal);
    }
    const results = await calls.pages(operation, source, at(depth, ports.readTags ? 1 : 0));
    return { results: results.map((result) => toNonCompliant(rule, region, result)), pagesDeep: depth + Math.ceil(results.length / 100) };
  } catch (error) {
    const scanError = isScanError(error) ? error : calls.errorOf(error, operation);
    errors.push({ ...scanError, part: 'compliance', ruleName: rule.name });
    return { results: [], pagesDeep: depth };
  }
}

/** Fills unknown missing keys from the resources' tags, TAG_READ_BATCH resources per call. */
async function withTagsRead(
  run: RegionRun,
  rules: ConfigRule[],
  resources: NonCompliantResource[],
  depth: number,
): Promise<NonCompliantResource[]> {
  const { calls, ports, at, errors, region } = run;
  const unknown = resources.filter((resource) => resource.missingKeys === 'unknown');
  if (unknown.length === 0) return resources;
  const identity = await run.identity;
  const accountId = 'identity' in identity ? identity.identity.accountId : undefined;
  const arnOf = (resource: NonCompliantResource) => resourceArn(resource.resourceType, resource.resourceId, region, accountId);
  const arns = [...new Set(unknown.map(arnOf).filter((arn): arn is string => arn !== undefined))];
  const tagsByArn = new Map<string, TagSet>();
  for (let start = 0; start < arns.length; start += TAG_READ_BATCH) {
    const batch = arns.slice(start, start + TAG_READ_BATCH);
    try {
      const read = await calls.call('GetResources', at(depth), () => ports.readTags!(region, batch, calls.signal));
      for (const [arn, tags] of read) tagsByArn.set(arn, tags);
    } catch (error) {
      // Reading tags is a bonus: when it fails the findings stay, with their keys unknown.
      if (!calls.fatal && !calls.signal.aborted) errors.push({ ...calls.errorOf(error, 'GetResources'), part: 'compliance' });
      break;
    }
  }
  const ruleByName = new Map(rules.map((rule) => [rule.name, rule]));
  return resources.map((resource) => {
    if (resource.missingKeys !== 'unknown') return resource;
    const arn = arnOf(resource);
    const tags = arn ? tagsByArn.get(arn) : undefined;
    const rule = ruleByName.get(resource.ruleName);
    if (!tags || !rule) return resource;
    return { ...resource, arn, missingKeys: evaluateTags(tags, rule.requiredTags).missing.map((tag) => tag.key) };
  });
}

function toNonCompliant(rule: ConfigRule, region: string, result: EvaluationResult): NonCompliantResource {
  return {
    ruleName: rule.name,
    region,
    resourceType: result.resourceType,
    resourceId: result.resourceId,
    annotation: result.annotation,
    missingKeys: missingKeysFromAnnotation(
      result.annotation,
      rule.requiredTags.map((tag) => tag.key),
    ),
    lastEvaluated: result.resultRecordedTime,
  };
}

function isScanError(value: unknown): value is ScanError {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && 'kind' in value && 'message' in value;
}

function withoutName(status: DeliveryChannelStatus): Omit<DeliveryChannelStatus, 'name'> {
  const { name: _name, ...rest } = status;
  return rest;
}
