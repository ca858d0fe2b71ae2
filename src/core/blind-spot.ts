import { formatWhen, type WhenOptions } from './when';
import { BUCKET_RESOURCE_TYPE, bucketArn } from './bucket-region';
import { isCrossRegionCreate, latestCreateByBucket, type CreateBucketEvent } from './cloudtrail-event';
import { predictCompliance, type CompliancePrediction } from './blind-spot-prediction';
import type { RequiredTag, TagSet } from './tag-policy';
import { plural } from './wording';

// Defined with the other bucket facts; re-exported because a blind spot's type is always this one.
export { BUCKET_RESOURCE_TYPE };

/**
 * Blind spots: S3 buckets that exist in a region where a Config recorder runs, but that Config has not
 * discovered. Pure: the AWS adapters gather buckets, inventories, CloudTrail events and tags; this decides.
 */

export interface BucketLocation {
  readonly name: string;
  /** Home region, normalised. */
  readonly region: string;
  /** ISO 8601, from ListBuckets. S3 may report the latest re-creation or an older date; evidence, not proof. */
  readonly creationDate?: string;
}

/** Why Config does not record a region's S3 buckets. */
export type NotRecordingReason = 'no-recorder' | 'recorder-stopped' | 'buckets-not-in-recording-group';

/** "<cause> in <region>" for each reason, and what it leaves unwatched there (one region) or in several. */
const NOT_RECORDING: Readonly<Record<NotRecordingReason, { cause: string; unwatchedThere: string; unwatchedIn: string }>> = {
  'no-recorder': { cause: 'No Config recorder', unwatchedThere: 'nothing there is watched', unwatchedIn: 'nothing is watched' },
  'recorder-stopped': { cause: 'Config recorder stopped', unwatchedThere: 'nothing there is watched', unwatchedIn: 'nothing is watched' },
  'buckets-not-in-recording-group': {
    cause: 'Config recorder leaves out AWS::S3::Bucket',
    unwatchedThere: 'S3 buckets there are not watched',
    unwatchedIn: 'no S3 bucket is watched',
  },
};

export type RegionWatch =
  | { readonly region: string; readonly state: 'recording'; readonly discoveredBuckets: ReadonlySet<string> }
  | { readonly region: string; readonly state: 'not-recording'; readonly reason: NotRecordingReason }
  | { readonly region: string; readonly state: 'error'; readonly message: string };

/** The account's REQUIRED_TAGS rules of one region that cover S3 buckets. */
export interface RegionRules {
  readonly region: string;
  readonly ruleNames: readonly string[];
  readonly requirements: readonly RequiredTag[];
}

export interface BlindSpotInput {
  readonly now: Date;
  readonly buckets: readonly BucketLocation[];
  readonly regions: readonly RegionWatch[];
  /** CreateBucket events from every region's CloudTrail within the look-back. */
  readonly createEvents: readonly CreateBucketEvent[];
  /** Current tags per bucket; a bucket absent here had unreadable tags. */
  readonly tags: ReadonlyMap<string, TagSet>;
  readonly rules: readonly RegionRules[];
  /** The workspace tag policy's requirements, if any. */
  readonly policyRequirements?: readonly RequiredTag[];
  /** Regions whose CloudTrail could not be read: evidence there may be missing. */
  readonly cloudTrailErrors?: ReadonlyArray<{ region: string; message: string }>;
}

export interface CreationEvidence {
  readonly event: CreateBucketEvent;
  /** The call went to another region's endpoint than the bucket's home. */
  readonly crossRegion: boolean;
  /** Cross-region and the calling region runs no recorder: the likely way Config missed it. */
  readonly flagged: boolean;
}

export interface BlindSpot {
  readonly bucket: string;
  readonly arn: string;
  readonly region: string;
  readonly resourceType: typeof BUCKET_RESOURCE_TYPE;
  /** When the bucket became unseen: the CreateBucket event time, else its CreationDate. */
  readonly unseenSince?: string;
  readonly unseenSinceSource?: 'cloudtrail' | 'creation-date';
  readonly unseenForMs?: number;
  readonly creation?: CreationEvidence;
  /** The likely consequence, worded as likely: the sweep interval and the cause are UNCONFIRMED facts. */
  readonly whatFollows: string;
  readonly tags?: TagSet;
  readonly prediction: CompliancePrediction;
  /** REQUIRED_TAGS rules in the bucket's region, for re-evaluation after a fix. */
  readonly ruleNames: readonly string[];
}

export interface UnwatchedRegion {
  readonly region: string;
  readonly reason: NotRecordingReason;
  readonly buckets: readonly string[];
  readonly message: string;
}

export interface BlindSpotReport {
  readonly generatedAt: string;
  readonly blindSpots: readonly BlindSpot[];
  readonly unwatchedRegions: readonly UnwatchedRegion[];
  /** Buckets whose home region was not scanned or failed: their status is unknown, not fine. */
  readonly unknown: ReadonlyArray<{ bucket: string; region: string; reason: string }>;
  readonly regionErrors: ReadonlyArray<{ region: string; service: 'config' | 'cloudtrail' | 's3'; message: string }>;
  /** Every cross-region CreateBucket seen, blind spot or not (Config may have caught up since). */
  readonly crossRegionCreates: readonly CreationEvidence[];
}

/** "No Config recorder", "Config recorder stopped", ...: why Config watches no bucket in a region, in words. */
export function notRecordingCause(reason: NotRecordingReason): string {
  return NOT_RECORDING[reason].cause;
}

/**
 * One sentence per reason Config records no S3 buckets (no recorder, recorder stopped, buckets left out), naming
 * the regions and the buckets nobody watches there: sixteen identical sentences would hide the one region that
 * holds buckets. Every output format uses it.
 */
export function unwatchedRegionsSentence(regions: readonly UnwatchedRegion[]): string | undefined {
  if (regions.length === 0) return undefined;
  const byReason = new Map<NotRecordingReason, UnwatchedRegion[]>();
  for (const region of regions) byReason.set(region.reason, [...(byReason.get(region.reason) ?? []), region]);
  return [...byReason]
    .map(([reason, group]) => {
      const names = group.map((region) =>
        region.buckets.length > 0
          ? `${region.region} (${plural(region.buckets.length, 'bucket')}: ${region.buckets.join(', ')})`
          : region.region,
      );
      const { cause, unwatchedIn } = NOT_RECORDING[reason];
      return `${cause}, so ${unwatchedIn}, in ${plural(group.length, 'region')}: ${names.join(', ')}.`;
    })
    .join(' ');
}

function whatFollowsFor(region: string, creation: CreationEvidence | undefined): string {
  if (creation?.crossRegion) {
    return (
      `Config in ${region} is likely to learn of it only at its periodic sweep: the CreateBucket call went to the ` +
      `${creation.event.endpointRegion} endpoint, so CloudTrail recorded it in ${creation.event.endpointRegion}, not in ${region}. ` +
      'Likely cause, from this evidence; AWS does not document how Config picks up such calls, nor how often it sweeps.'
    );
  }
  return (
    `Config in ${region} has not discovered it yet; until it does, no rule evaluates it. ` +
    "It is likely to appear at Config's next periodic sweep (interval undocumented)."
  );
}

function evidenceFor(event: CreateBucketEvent, regionsWithoutRecorder: ReadonlySet<string>): CreationEvidence {
  const crossRegion = isCrossRegionCreate(event);
  return { event, crossRegion, flagged: crossRegion && regionsWithoutRecorder.has(event.endpointRegion) };
}

function sinceFor(bucket: BucketLocation, creation: CreateBucketEvent | undefined, now: Date) {
  const since = creation?.eventTime ?? bucket.creationDate;
  if (!since) return {};
  const unseenForMs = Math.max(0, now.getTime() - new Date(since).getTime());
  return { unseenSince: since, unseenSinceSource: creation ? ('cloudtrail' as const) : ('creation-date' as const), unseenForMs };
}

export function findBlindSpots(input: BlindSpotInput): BlindSpotReport {
  const watch = new Map(input.regions.map((region) => [region.region, region]));
  const notRecording = new Map(input.regions.flatMap((r) => (r.state === 'not-recording' ? [[r.region, r.reason] as const] : [])));
  const regionsWithoutRecorder: ReadonlySet<string> = new Set(notRecording.keys());
  const creates = latestCreateByBucket(input.createEvents);
  const rulesByRegion = new Map(input.rules.map((rules) => [rules.region, rules]));
  const blindSpots: BlindSpot[] = [];
  const unwatched = new Map<string, string[]>();
  const unknown: Array<{ bucket: string; region: string; reason: string }> = [];

  for (const bucket of input.buckets) {
    const region = watch.get(bucket.region);
    if (!region) {
      unknown.push({ bucket: bucket.name, region: bucket.region, reason: `${bucket.region} was not scanned` });
      continue;
    }
    if (region.state === 'error') {
      unknown.push({
        bucket: bucket.name,
        region: bucket.region,
        reason: `Config in ${bucket.region} could not be read: ${region.message}`,
      });
      continue;
    }
    if (region.state === 'not-recording') {
      unwatched.set(bucket.region, [...(unwatched.get(bucket.region) ?? []), bucket.name]);
      continue;
    }
    if (region.discoveredBuckets.has(bucket.name)) continue;
    const event = creates.get(bucket.name);
    // An event for another home region describes an earlier bucket of the same name: not this bucket's evidence.
    const creation = event && event.bucketRegion === bucket.region ? evidenceFor(event, regionsWithoutRecorder) : undefined;
    const rules = rulesByRegion.get(bucket.region);
    const requirements = [...(rules?.requirements ?? []), ...(input.policyRequirements ?? [])];
    const tags = input.tags.get(bucket.name);
    blindSpots.push({
      bucket: bucket.name,
      arn: bucketArn(bucket.name),
      region: bucket.region,
      resourceType: BUCKET_RESOURCE_TYPE,
      ...sinceFor(bucket, creation?.event, input.now),
      creation,
      whatFollows: whatFollowsFor(bucket.region, creation),
      tags,
      prediction: predictCompliance(tags, requirements, BUCKET_RESOURCE_TYPE),
      ruleNames: rules?.ruleNames ?? [],
    });
  }

  const unwatchedRegions = [...notRecording]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([region, reason]) => {
      const buckets = unwatched.get(region) ?? [];
      const { cause, unwatchedThere } = NOT_RECORDING[reason];
      return {
        region,
        reason,
        buckets,
        message: `${cause} in ${region}: ${unwatchedThere}${buckets.length > 0 ? `, including ${plural(buckets.length, 'bucket')}` : ''}.`,
      };
    });
  const regionErrors = [
    ...input.regions.flatMap((r) => (r.state === 'error' ? [{ region: r.region, service: 'config' as const, message: r.message }] : [])),
    ...(input.cloudTrailErrors ?? []).map((e) => ({ ...e, service: 'cloudtrail' as const })),
  ];
  const crossRegionCreates = [...creates.values()].filter(isCrossRegionCreate).map((event) => evidenceFor(event, regionsWithoutRecorder));
  blindSpots.sort((a, b) => (b.unseenForMs ?? 0) - (a.unseenForMs ?? 0) || a.bucket.localeCompare(b.bucket));
  return {
    generatedAt: input.now.toISOString(),
    blindSpots,
    unwatchedRegions,
    unknown,
    regionErrors,
    crossRegionCreates,
  };
}

/**
 * The report after a verified tag write on one of its blind spots: that bucket's tags and predicted compliance
 * follow the tags read back after the write, judged by the same requirements the write was made for. Config has
 * still not discovered the bucket, so it stays a blind spot until a check finds it in the inventory. The same
 * report when the bucket is not one of its blind spots.
 */
export function withWrittenTags(
  report: BlindSpotReport,
  bucket: string,
  region: string,
  tags: TagSet,
  requirements: readonly RequiredTag[],
): BlindSpotReport {
  const index = report.blindSpots.findIndex((spot) => spot.bucket === bucket && spot.region === region);
  if (index < 0) return report;
  const spot = report.blindSpots[index]!;
  const updated: BlindSpot = { ...spot, tags: { ...tags }, prediction: predictCompliance(tags, requirements, BUCKET_RESOURCE_TYPE) };
  return { ...report, blindSpots: report.blindSpots.map((candidate, at) => (at === index ? updated : candidate)) };
}

/** Nothing found AND everything read: a region that could not be read hides whatever it holds. */
export function blindSpotReportIsClean(report: BlindSpotReport): boolean {
  return report.blindSpots.length === 0 && report.regionErrors.length === 0;
}

/**
 * The headline of every format. "No blind spots" is said only when every region could be read; otherwise the
 * regions that failed come first, so an incomplete scan never reads as a clean one.
 */
export function blindSpotHeadline(report: BlindSpotReport): string {
  const count = report.blindSpots.length;
  const failed = [...new Set(report.regionErrors.map((error) => error.region))].sort();
  const found = count === 0 ? '' : `${plural(count, 'blind spot')}: buckets AWS Config has not discovered`;
  if (failed.length === 0) return found || 'No blind spots: every bucket in a recorded region is known to AWS Config.';
  const incomplete =
    `Incomplete: ${plural(failed.length, 'region')} could not be read (${failed.join(', ')}); ` +
    'their buckets are unknown, not fine. Reasons below.';
  return found ? `${found}. ${incomplete}` : `No blind spots found in the regions that could be read. ${incomplete}`;
}

/** "4 h", "35 min", "2 d 3 h": how long a blind spot has been unseen. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h`;
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest === 0 ? `${days} d` : `${days} d ${rest} h`;
}

/** Who, when, where from, with what: one line per fact, for the tree, the CLI and the log. */
export function describeEvidence(evidence: CreationEvidence, when?: WhenOptions): Array<{ label: string; value: string }> {
  const { event } = evidence;
  const lines = [
    { label: 'Created by', value: event.userArn ?? event.userName ?? 'unknown principal' },
    // For people "3 h ago, 20:12"; without a clock (logs, the map's data) the exact instant.
    { label: 'Created at', value: when ? formatWhen(event.eventTime, when) : event.eventTime },
    {
      label: 'Through endpoint',
      value: evidence.crossRegion ? `${event.endpointRegion} (bucket lives in ${event.bucketRegion})` : event.endpointRegion,
    },
  ];
  if (event.userAgent) lines.push({ label: 'Tool', value: event.userAgent });
  if (event.eventId) lines.push({ label: 'CloudTrail event', value: event.eventId });
  return lines;
}
