import type { RawConfigRule } from '../account-rules';
import type {
  AggregatorInfo,
  CallerIdentity,
  DeliveryChannel,
  Recorder,
  RecorderStatus,
  RecorderSummary,
  RegionOptIn,
  RegionScan,
} from '../account-model';
import type { Clock } from '../clock';
import type { ScanError } from '../scan-error';
import type { TagSet } from '../tag-policy';

/** What the account scan calls (src/aws implements it with SDK clients, unit tests with stubs) and is told to do. */

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

/** Resources per GetResources call. */
export const TAG_READ_BATCH = 100;

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
  aggregateNonCompliantResults?(
    aggregator: string,
    ruleName: string,
    accountId: string,
    region: string,
    signal: AbortSignal,
  ): AsyncIterable<readonly EvaluationResult[]>;
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
