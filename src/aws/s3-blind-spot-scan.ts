import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { S3Client } from '@aws-sdk/client-s3';
import { findBlindSpots, type BlindSpotReport, type NotRecordingReason, type RegionRules, type RegionWatch } from '../core/blind-spot';
import type { CreateBucketEvent } from '../core/cloudtrail-event';
import { isAbortError, throwIfAborted } from '../core/errors';
import type { Logger } from '../core/logger';
import { silentLogger } from '../core/logger';
import type { RequiredTag, TagSet } from '../core/tag-policy';
import { lookupCreateBucketEvents } from './cloudtrail-create-bucket';
import { PerRegionRateLimiter } from './cloudtrail-rate-limiter';
import { discoveredBuckets } from './config-inventory';
import { classifyAwsError } from './errors';
import { listBucketsWithRegion } from './s3-buckets';
import { readBucketTags } from './s3-tagging';
import { plural } from '../core/wording';

/** Regional SDK clients; the extension and the CLI adapt their client factory to this. */
export interface BlindSpotClients {
  s3(region: string): S3Client;
  config(region: string): ConfigServiceClient;
  cloudTrail(region: string): CloudTrailClient;
}

export interface BlindSpotScanOptions {
  /** Enabled regions to look at. */
  readonly regions: readonly string[];
  /** From an account scan: the regions whose S3 buckets Config does not record, and why. Absent: asked here. */
  readonly notRecording?: ReadonlyMap<string, NotRecordingReason>;
  readonly rules: readonly RegionRules[];
  /** Regions the account scan could not read, with the reason: reported as errors, their buckets as unknown. */
  readonly failedRegions?: ReadonlyArray<{ region: string; message: string }>;
  readonly policyRequirements?: readonly RequiredTag[];
  readonly now: Date;
  readonly lookbackDays?: number;
  /** ListBuckets is global; its region only picks the endpoint. */
  readonly listRegion?: string;
  readonly rateLimiter?: PerRegionRateLimiter;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
}

/** A user-fit message for a failed call; cancellation is re-thrown, never reported as a region error. */
function describeFailure(error: unknown, operation: string): string {
  if (isAbortError(error)) throw error;
  return classifyAwsError(error, operation).message;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}

export async function scanBlindSpots(clients: BlindSpotClients, options: BlindSpotScanOptions): Promise<BlindSpotReport> {
  const logger = options.logger ?? silentLogger;
  const signal = options.signal;
  const limiter = options.rateLimiter ?? new PerRegionRateLimiter();
  const concurrency = options.concurrency ?? 4;
  const listRegion = options.listRegion ?? (options.regions.includes('us-east-1') ? 'us-east-1' : (options.regions[0] ?? 'us-east-1'));

  const { located: buckets, unlocated } = await listBucketsWithRegion(clients.s3(listRegion), { signal, logger });
  logger.debug(`Blind spots: ${buckets.length} bucket(s)`);

  const createEvents: CreateBucketEvent[] = [];
  const cloudTrailErrors: Array<{ region: string; message: string }> = [];
  const regions = await mapLimited(options.regions, concurrency, async (region): Promise<RegionWatch> => {
    const [watch] = await Promise.all([
      watchOf(region),
      lookupCreateBucketEvents(clients.cloudTrail(region), {
        region,
        now: options.now,
        lookbackDays: options.lookbackDays,
        rateLimiter: limiter,
        signal,
        logger,
      })
        .then((events) => {
          createEvents.push(...events);
        })
        .catch((error) => {
          cloudTrailErrors.push({ region, message: describeFailure(error, 'LookupEvents') });
        }),
    ]);
    return watch;
  });

  async function watchOf(region: string): Promise<RegionWatch> {
    const reason = options.notRecording?.get(region);
    if (reason) return { region, state: 'not-recording', reason };
    try {
      const inventory = await discoveredBuckets(clients.config(region), signal);
      return inventory.state === 'recording' ? { region, ...inventory } : { region, state: 'not-recording', reason: 'no-recorder' };
    } catch (error) {
      return { region, state: 'error', message: describeFailure(error, 'ListDiscoveredResources') };
    }
  }

  // Tags only for the candidates: buckets in a recording region that Config has not discovered.
  const byRegion = new Map(regions.map((watch) => [watch.region, watch]));
  const candidates = buckets.filter((bucket) => {
    const watch = byRegion.get(bucket.region);
    return watch?.state === 'recording' && !watch.discoveredBuckets.has(bucket.name);
  });
  const tags = new Map<string, TagSet>();
  await mapLimited(candidates, concurrency, async (bucket) => {
    throwIfAborted(signal);
    try {
      tags.set(bucket.name, await readBucketTags(clients.s3(bucket.region), bucket.name, signal));
    } catch (error) {
      logger.warn(`Tags of bucket ${bucket.name} could not be read: ${describeFailure(error, 'GetBucketTagging')}`);
    }
  });

  const failed: RegionWatch[] = (options.failedRegions ?? [])
    .filter((failure) => !options.regions.includes(failure.region))
    .map((failure) => ({ region: failure.region, state: 'error', message: failure.message }));
  const report = findBlindSpots({
    now: options.now,
    buckets,
    regions: [...regions, ...failed],
    createEvents,
    tags,
    rules: options.rules,
    policyRequirements: options.policyRequirements,
    cloudTrailErrors,
  });
  // A bucket whose region is unknown cannot be judged: it is listed as unknown, and S3's failure to say where it
  // lives is an error of the region we listed from, so the report never looks clean.
  if (unlocated.length === 0) return report;
  return {
    ...report,
    unknown: [...report.unknown, ...unlocated.map((bucket) => ({ bucket: bucket.name, region: 'unknown', reason: bucket.reason }))],
    regionErrors: [
      ...report.regionErrors,
      {
        region: listRegion,
        service: 's3',
        message: `S3 did not tell the region of ${plural(unlocated.length, 'bucket')} (${unlocated.map((bucket) => bucket.name).join(', ')}), so ${unlocated.length === 1 ? 'it was' : 'they were'} not checked.`,
      },
    ],
  };
}
