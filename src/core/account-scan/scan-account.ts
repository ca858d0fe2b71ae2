import { setMaxListeners } from 'node:events';
import { missingKeysFromAnnotation, toConfigRule, type RawConfigRule } from '../account-rules';
import {
  resourceArn,
  type AccountScan,
  type AggregatorInfo,
  type CallerIdentity,
  type ConfigRule,
  type DeliveryChannel,
  type NonCompliantResource,
  type Recorder,
  type RecorderStatus,
  type RecorderSummary,
  type RegionOptIn,
  type RegionOptStatus,
  type RegionPartError,
  type RegionScan,
} from '../account-model';
import type { Clock } from '../clock';
import { coverageVerdict } from '../coverage';
import { BUILT_IN_REGIONS } from '../regions';
import { createScanLimiter, type CallPriority, type ScanLimiter } from '../scan-limiter';
import { stopsTheScan, type ScanError } from '../scan-error';
import { evaluateTags, type TagSet } from '../tag-policy';

/**
 * The account scan, as pure orchestration over ports: which calls to make, in which order, how many at once,
 * and how each region's result or error is kept apart. src/aws implements the ports with SDK clients; unit
 * tests with stubs. Every call goes through one limiter (see scan-limiter.ts), every page of a paginated result
 * is one call, and nothing is called twice.
 *
 * Calls per region: ListConfigurationRecorders and DescribeConfigRules first (in parallel); when recorders exist,
 * one DescribeConfigurationRecorders and one DescribeConfigurationRecorderStatus per recorder plus
 * DescribeDeliveryChannels and DescribeDeliveryChannelStatus; one GetComplianceDetailsByConfigRule page (100
 * results) at a time per REQUIRED_TAGS rule (or, with `aggregator`, GetAggregateComplianceDetailsByConfigRule in the
 * home region); one GetResources per 100 findings whose missing keys Config did not name. Account-wide:
 * GetCallerIdentity, ListRegions and, in the home region, DescribeConfigurationAggregators.
 */

export interface EvaluationResult {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly annotation?: string;
  /** ISO 8601. */
  readonly resultRecordedTime?: string;
}

export interface DeliveryChannelStatus {
  readonly name: string;
  readonly lastStatus?: string;
  readonly lastErrorCode?: string;
  readonly lastErrorMessage?: string;
  readonly lastSuccessfulTime?: string;
}

/** One region's Config API; each method is exactly one call, each page of an iterable one call. */
export interface RegionConfigPort {
  listRecorders(signal: AbortSignal): AsyncIterable<readonly RecorderSummary[]>;
  describeRecorder(summary: RecorderSummary, signal: AbortSignal): Promise<Omit<Recorder, 'status'> | undefined>;
  describeRecorderStatus(summary: RecorderSummary, signal: AbortSignal): Promise<RecorderStatus | undefined>;
  describeDeliveryChannels(signal: AbortSignal): Promise<readonly DeliveryChannel[]>;
  describeDeliveryChannelStatus(signal: AbortSignal): Promise<readonly DeliveryChannelStatus[]>;
  describeRules(signal: AbortSignal): AsyncIterable<readonly RawConfigRule[]>;
  nonCompliantResults(ruleName: string, signal: AbortSignal): AsyncIterable<readonly EvaluationResult[]>;
}

/**
 * Reads the tags of up to TAG_READ_BATCH resources of one region in one call (the Tagging API's GetResources by
 * ARN). The map holds the resources it could read, by ARN; resources missing from it keep their keys unknown.
 */
export type TagReader = (region: string, arns: readonly string[], signal: AbortSignal) => Promise<ReadonlyMap<string, TagSet>>;

const TAG_READ_BATCH = 100;

export interface ScanPorts {
  /** The region of the account-wide calls (the profile's or AWS_REGION). */
  readonly homeRegion: string;
  identity(signal: AbortSignal): Promise<CallerIdentity>;
  listRegions(signal: AbortSignal): AsyncIterable<readonly RegionOptIn[]>;
  describeAggregators?(signal: AbortSignal): AsyncIterable<readonly Omit<AggregatorInfo, 'region'>[]>;
  region(region: string): RegionConfigPort;
  /**
   * NON_COMPLIANT results of one rule in one source region, read through an aggregator in the home region
   * (GetAggregateComplianceDetailsByConfigRule; pages may be empty while a token says more follows).
   */
  aggregateNonCompliantResults?(aggregator: string, ruleName: string, accountId: string, region: string, signal: AbortSignal): AsyncIterable<readonly EvaluationResult[]>;
  /** Turns anything a port threw into a ScanError (adapters know their SDK's error shapes). */
  classify(error: unknown, operation: string): ScanError;
  readTags?: TagReader;
}

export type ScanProgress =
  | { readonly type: 'regions'; readonly regions: readonly RegionOptIn[] }
  | { readonly type: 'region-started'; readonly region: string }
  | { readonly type: 'region-done'; readonly region: RegionScan; readonly done: number; readonly total: number };

export interface ScanOptions {
  /** Scan only these regions (still checked against ListRegions for disabled ones). */
  readonly regions?: readonly string[];
  /** Most calls in flight at once (tagsight.aws.maxConcurrentRegions). */
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ScanProgress) => void;
  readonly profile?: string;
  readonly endpoint?: string;
  readonly clock: Clock;
  /**
   * Read non-compliant results through this Config aggregator (in the home region) instead of each region's
   * own GetComplianceDetailsByConfigRule: the alternative source when an organization aggregates findings.
   */
  readonly aggregator?: string;
}

const DISABLED: ReadonlySet<RegionOptStatus> = new Set(['DISABLED', 'DISABLING']);

class ScanStopped extends Error {
  constructor(readonly scanError: ScanError) {
    super(scanError.message);
  }
}

export async function scanAccount(ports: ScanPorts, options: ScanOptions): Promise<AccountScan> {
  const startedAt = options.clock.now().toISOString();
  const stop = new AbortController();
  const outer = options.signal;
  const onOuterAbort = () => stop.abort(outer?.reason);
  if (outer?.aborted) stop.abort(outer.reason);
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  const signal = stop.signal;
  // Every waiting call and every SDK request listens to this signal: hundreds at once is expected, not a leak.
  setMaxListeners(0, signal);
  const limiter = createScanLimiter(options.concurrency);
  let fatal: ScanError | undefined;

  /** Every call goes through here: limited, and a credentials failure anywhere stops the whole scan. */
  const call = async <T>(operation: string, priority: CallPriority, run: () => Promise<T>): Promise<T> => {
    try {
      return await limiter.run(priority, run, signal);
    } catch (error) {
      if (error instanceof ScanStopped) throw error;
      const scanError = signal.aborted && !fatal ? { kind: 'cancelled' as const, operation, message: 'Cancelled.' } : ports.classify(error, operation);
      if (stopsTheScan(scanError) && scanError.kind !== 'cancelled' && !fatal) {
        fatal = scanError;
        stop.abort(new ScanStopped(scanError));
      }
      throw new ScanStopped(scanError);
    }
  };
  const pages = async <T>(operation: string, iterable: AsyncIterable<readonly T[]>, priority: CallPriority): Promise<T[]> => {
    const iterator = iterable[Symbol.asyncIterator]();
    const items: T[] = [];
    for (let depth = priority.depth; ; depth++) {
      const page = await call(operation, { ...priority, depth }, () => iterator.next());
      if (page.done) return items;
      items.push(...page.value);
    }
  };
  const errorOf = (error: unknown, operation: string): ScanError =>
    error instanceof ScanStopped ? error.scanError : ports.classify(error, operation);

  const accountErrors: ScanError[] = [];
  const identityTask: Promise<{ identity: CallerIdentity } | { error: ScanError }> = call('GetCallerIdentity', { depth: 0, regionIndex: -1 }, () => ports.identity(signal))
    .then((identity) => ({ identity }), (error) => {
      let scanError = errorOf(error, 'GetCallerIdentity');
      // STS in the home region rejecting the keys (InvalidClientTokenId) means bad credentials, not a disabled region.
      if (scanError.kind === 'region-disabled') {
        scanError = { ...scanError, kind: 'no-credentials', message: `AWS rejected the credentials (${scanError.code}): check the profile's keys.` };
        if (!fatal) {
          fatal = scanError;
          stop.abort(new ScanStopped(scanError));
        }
      }
      if (scanError.kind !== 'cancelled' && !stopsTheScan(scanError)) accountErrors.push(scanError);
      return { error: scanError };
    });
  const aggregatorTask: Promise<AggregatorInfo[]> = ports.describeAggregators
    ? pages('DescribeConfigurationAggregators', ports.describeAggregators(signal), { depth: 0, regionIndex: -1 })
        .then((found) => found.map((aggregator) => ({ ...aggregator, region: ports.homeRegion })), (error) => {
          const scanError = errorOf(error, 'DescribeConfigurationAggregators');
          if (scanError.kind !== 'cancelled' && !stopsTheScan(scanError)) accountErrors.push(scanError);
          return [];
        })
    : Promise.resolve([]);

  let regionSource: AccountScan['regionSource'];
  let optIns: RegionOptIn[];
  try {
    const listed = await pages('ListRegions', ports.listRegions(signal), { depth: 0, tail: 3, regionIndex: -1 });
    const byName = new Map(listed.map((entry) => [entry.region, entry]));
    if (options.regions && options.regions.length > 0) {
      optIns = options.regions.map((region) => byName.get(region) ?? { region, status: 'UNKNOWN' as const });
      regionSource = { kind: 'selected' };
    } else {
      optIns = listed;
      regionSource = { kind: 'account-api' };
    }
  } catch (error) {
    const reason = errorOf(error, 'ListRegions');
    if (fatal || reason.kind === 'cancelled') {
      return finish([], fatal ?? reason);
    }
    accountErrors.push(reason);
    const fallback = options.regions && options.regions.length > 0 ? options.regions : BUILT_IN_REGIONS.map((info) => info.code);
    optIns = fallback.map((region) => ({ region, status: 'UNKNOWN' as const }));
    regionSource = options.regions?.length
      ? { kind: 'selected', reason: `The account's region list could not be read (${reason.message}); disabled regions show as errors.` }
      : { kind: 'built-in', reason: `The account's region list could not be read (${reason.message}); scanning Tagsight's built-in list instead, where disabled regions show as errors.` };
  }
  options.onProgress?.({ type: 'regions', regions: optIns });

  let done = 0;
  const regionTasks = optIns.map(async (optIn, regionIndex) => {
    const result = await scanRegion(optIn, regionIndex).catch((error: unknown) => failedRegion(optIn, errorOf(error, 'scan')));
    done++;
    options.onProgress?.({ type: 'region-done', region: result, done, total: optIns.length });
    return result;
  });
  const regions = await Promise.all(regionTasks);
  return finish(regions, fatal);

  async function finish(regions: RegionScan[], error: ScanError | undefined): Promise<AccountScan> {
    outer?.removeEventListener('abort', onOuterAbort);
    const identityResult = await identityTask;
    const aggregators = await aggregatorTask;
    const identity = 'identity' in identityResult ? identityResult.identity : undefined;
    const identityError = 'error' in identityResult ? identityResult.error : undefined;
    const accountError = error ?? (identityError && stopsTheScan(identityError) ? identityError : undefined);
    const cancelled = Boolean(outer?.aborted);
    const withArns = regions.map((region) => ({
      ...region,
      nonCompliant: region.nonCompliant.map((resource) => ({
        ...resource,
        arn: resource.arn ?? resourceArn(resource.resourceType, resource.resourceId, resource.region, identity?.accountId),
      })),
    }));
    return {
      identity,
      profile: options.profile,
      endpoint: options.endpoint,
      startedAt,
      finishedAt: options.clock.now().toISOString(),
      regionSource: regionSource ?? { kind: 'account-api' },
      regions: withArns,
      aggregators,
      accountErrors,
      ...(accountError && accountError.kind !== 'cancelled' ? { error: accountError } : {}),
      cancelled,
    };
  }

  /** A region whose scan threw where nothing should: shown as failed with the reason, never losing the others. */
  function failedRegion(optIn: RegionOptIn, failure: ScanError): RegionScan {
    if (fatal || signal.aborted) failure = { kind: 'cancelled', message: 'Cancelled.' };
    const cancelled = failure.kind === 'cancelled';
    return {
      region: optIn.region, optStatus: optIn.status, state: cancelled ? 'cancelled' : 'failed',
      recorders: [], deliveryChannels: [], rules: [], nonCompliant: [],
      errors: cancelled ? [] : [{ ...failure, part: 'recorders' }],
      verdict: coverageVerdict({ optStatus: optIn.status, recorders: [], deliveryChannels: [], failure, cancelled }),
    };
  }

  async function scanRegion(optIn: RegionOptIn, regionIndex: number): Promise<RegionScan> {
    const region = optIn.region;
    const empty = { region, optStatus: optIn.status, recorders: [], deliveryChannels: [], rules: [], nonCompliant: [], errors: [] };
    if (DISABLED.has(optIn.status)) {
      return { ...empty, state: 'disabled', verdict: coverageVerdict({ optStatus: optIn.status, recorders: [], deliveryChannels: [] }) };
    }
    if (signal.aborted) return cancelledRegion();
    options.onProgress?.({ type: 'region-started', region });
    const api = ports.region(region);
    // Tails: what can still follow a call in this region (rules -> results -> tag reads; recorders -> describes).
    const at = (depth: number, tail = 0): CallPriority => ({ depth, tail, regionIndex });
    const errors: RegionPartError[] = [];
    const [recorderPart, rulePart] = await Promise.all([readRecorders(), readRules()]);
    if (fatal || signal.aborted) return cancelledRegion();

    const failure = recorderPart.failure;
    const verdict = coverageVerdict({ optStatus: optIn.status, recorders: recorderPart.recorders, deliveryChannels: recorderPart.channels, failure });
    // A region that rejects the credentials rejects every call: say it once, as the region's verdict.
    const partErrors = verdict.kind === 'region-disabled' ? errors.filter((error) => error.kind !== 'region-disabled') : errors;
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

    function cancelledRegion(): RegionScan {
      return { ...empty, state: 'cancelled', verdict: coverageVerdict({ optStatus: optIn.status, recorders: [], deliveryChannels: [], cancelled: true }) };
    }

    async function readRecorders(): Promise<{ recorders: Recorder[]; channels: DeliveryChannel[]; failure?: ScanError }> {
      let summaries: RecorderSummary[];
      try {
        summaries = await pages('ListConfigurationRecorders', api.listRecorders(signal), at(0, 1));
      } catch (error) {
        const scanError = errorOf(error, 'ListConfigurationRecorders');
        errors.push({ ...scanError, part: 'recorders' });
        return { recorders: [], channels: [], failure: scanError };
      }
      if (summaries.length === 0) return { recorders: [], channels: [] };
      // The list pages are the chain so far; describes start one level deeper.
      const depth = 1;
      const channelsTask = readChannels(depth);
      const described = await Promise.allSettled(summaries.map(async (summary): Promise<Recorder> => {
        const [settings, status] = await Promise.all([
          call('DescribeConfigurationRecorders', at(depth), () => api.describeRecorder(summary, signal)),
          call('DescribeConfigurationRecorderStatus', at(depth), () => api.describeRecorderStatus(summary, signal)),
        ]);
        return { ...summary, ...settings, status };
      }));
      const channels = await channelsTask;
      const recorders: Recorder[] = [];
      let failure: ScanError | undefined;
      described.forEach((outcome, index) => {
        if (outcome.status === 'fulfilled') recorders.push(outcome.value);
        else {
          failure ??= errorOf(outcome.reason, 'DescribeConfigurationRecorders');
          recorders.push(summaries[index]!);
        }
      });
      if (failure) errors.push({ ...failure, part: 'recorders' });
      return { recorders, channels, failure };
    }

    async function readChannels(depth: number): Promise<DeliveryChannel[]> {
      const [channels, statuses] = await Promise.allSettled([
        call('DescribeDeliveryChannels', at(depth), () => api.describeDeliveryChannels(signal)),
        call('DescribeDeliveryChannelStatus', at(depth), () => api.describeDeliveryChannelStatus(signal)),
      ]);
      if (channels.status === 'rejected') {
        errors.push({ ...errorOf(channels.reason, 'DescribeDeliveryChannels'), part: 'delivery-channels' });
        return [];
      }
      if (statuses.status === 'rejected') errors.push({ ...errorOf(statuses.reason, 'DescribeDeliveryChannelStatus'), part: 'delivery-channels' });
      const byName = new Map(statuses.status === 'fulfilled' ? statuses.value.map((status) => [status.name, status]) : []);
      return channels.value.map((channel) => {
        const status = byName.get(channel.name);
        return status ? { ...channel, ...withoutName(status) } : channel;
      });
    }

    async function readRules(): Promise<{ rules: ConfigRule[]; nonCompliant: NonCompliantResource[] }> {
      let raw: RawConfigRule[];
      try {
        raw = await pages('DescribeConfigRules', api.describeRules(signal), at(0, ports.readTags ? 2 : 1));
      } catch (error) {
        errors.push({ ...errorOf(error, 'DescribeConfigRules'), part: 'rules' });
        return { rules: [], nonCompliant: [] };
      }
      const rules = raw.map((rule) => toConfigRule(rule, region));
      // The first results page of a rule waits for the rules pages before it.
      const depth = Math.max(1, Math.ceil(raw.length / 25));
      let deepest = depth;
      const perRule = await Promise.all(rules.filter((rule) => rule.isRequiredTags).map(async (rule) => {
        const viaAggregator = options.aggregator && ports.aggregateNonCompliantResults ? options.aggregator : undefined;
        const operation = viaAggregator ? 'GetAggregateComplianceDetailsByConfigRule' : 'GetComplianceDetailsByConfigRule';
        try {
          let source = api.nonCompliantResults(rule.name, signal);
          if (viaAggregator) {
            const identity = await identityTask;
            if (!('identity' in identity)) throw identity.error;
            source = ports.aggregateNonCompliantResults!(viaAggregator, rule.name, identity.identity.accountId, region, signal);
          }
          const results = await pages(operation, source, at(depth, ports.readTags ? 1 : 0));
          deepest = Math.max(deepest, depth + Math.ceil(results.length / 100));
          return results.map((result) => toNonCompliant(rule, result));
        } catch (error) {
          const scanError = isScanError(error) ? error : errorOf(error, operation);
          errors.push({ ...scanError, part: 'compliance', ruleName: rule.name });
          return [];
        }
      }));
      const nonCompliant = perRule.flat();
      return { rules, nonCompliant: ports.readTags ? await withTagsRead(rules, nonCompliant, deepest + 1) : nonCompliant };
    }

    /** Fills unknown missing keys from the resources' tags, TAG_READ_BATCH resources per call. */
    async function withTagsRead(rules: ConfigRule[], resources: NonCompliantResource[], depth: number): Promise<NonCompliantResource[]> {
      const unknown = resources.filter((resource) => resource.missingKeys === 'unknown');
      if (unknown.length === 0) return resources;
      const identity = await identityTask;
      const accountId = 'identity' in identity ? identity.identity.accountId : undefined;
      const arnOf = (resource: NonCompliantResource) => resourceArn(resource.resourceType, resource.resourceId, region, accountId);
      const arns = [...new Set(unknown.map(arnOf).filter((arn): arn is string => arn !== undefined))];
      const tagsByArn = new Map<string, TagSet>();
      for (let start = 0; start < arns.length; start += TAG_READ_BATCH) {
        const batch = arns.slice(start, start + TAG_READ_BATCH);
        try {
          const read = await call('GetResources', at(depth), () => ports.readTags!(region, batch, signal));
          for (const [arn, tags] of read) tagsByArn.set(arn, tags);
        } catch (error) {
          // Reading tags is a bonus: when it fails the findings stay, with their keys unknown.
          if (!fatal && !signal.aborted) errors.push({ ...errorOf(error, 'GetResources'), part: 'compliance' });
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

    function toNonCompliant(rule: ConfigRule, result: EvaluationResult): NonCompliantResource {
      return {
        ruleName: rule.name,
        region,
        resourceType: result.resourceType,
        resourceId: result.resourceId,
        annotation: result.annotation,
        missingKeys: missingKeysFromAnnotation(result.annotation, rule.requiredTags.map((tag) => tag.key)),
        lastEvaluated: result.resultRecordedTime,
      };
    }
  }
}

function isScanError(value: unknown): value is ScanError {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && 'kind' in value && 'message' in value;
}

function withoutName(status: DeliveryChannelStatus): Omit<DeliveryChannelStatus, 'name'> {
  const { name: _name, ...rest } = status;
  return rest;
}

export type { ScanLimiter };
