import { LookupEventsCommand, type CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { parseCreateBucketEvent, type CreateBucketEvent } from '../core/cloudtrail-event';
import { throwIfAborted } from '../core/errors';
import type { Logger } from '../core/logger';
import type { PerRegionRateLimiter } from './cloudtrail-rate-limiter';

export const DEFAULT_LOOKBACK_DAYS = 7;
/** LookupEvents keeps 90 days of management events. */
export const MAX_LOOKBACK_DAYS = 90;

export interface CreateBucketLookupOptions {
  readonly region: string;
  readonly now: Date;
  readonly lookbackDays?: number;
  readonly rateLimiter: PerRegionRateLimiter;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  /** A guard against endless pagination; 50 events a page. */
  readonly maxPages?: number;
}

/**
 * The CreateBucket events CloudTrail recorded in one region within the look-back: every call sent to that
 * region's endpoint, whatever region the bucket was created in. Unreadable records are skipped and logged.
 */
export async function lookupCreateBucketEvents(client: CloudTrailClient, options: CreateBucketLookupOptions): Promise<CreateBucketEvent[]> {
  const days = Math.min(Math.max(options.lookbackDays ?? DEFAULT_LOOKBACK_DAYS, 1), MAX_LOOKBACK_DAYS);
  const startTime = new Date(options.now.getTime() - days * 86_400_000);
  const events: CreateBucketEvent[] = [];
  let nextToken: string | undefined;
  let skipped = 0;
  const maxPages = options.maxPages ?? 200;
  for (let page = 0; page < maxPages; page++) {
    throwIfAborted(options.signal);
    await options.rateLimiter.acquire(options.region, options.signal);
    // NextToken requires the same parameters again.
    const response = await client.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateBucket' }],
        StartTime: startTime,
        EndTime: options.now,
        MaxResults: 50,
        NextToken: nextToken,
      }),
      { abortSignal: options.signal },
    );
    for (const envelope of response.Events ?? []) {
      const event = parseCreateBucketEvent(envelope.CloudTrailEvent ?? '', envelope);
      if (event) events.push(event);
      else skipped++;
    }
    nextToken = response.NextToken;
    if (!nextToken) break;
    if (page === maxPages - 1) options.logger?.warn(`CloudTrail ${options.region}: stopped after ${maxPages} pages of CreateBucket events`);
  }
  if (skipped > 0) options.logger?.debug(`CloudTrail ${options.region}: skipped ${skipped} unreadable CreateBucket record(s)`);
  return events;
}
