import { GetBucketLocationCommand, HeadBucketCommand, ListBucketsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { BucketLocation } from '../core/blind-spot';
import { normaliseLocationConstraint } from '../core/bucket-region';
import { throwIfAborted } from '../core/errors';
import type { Logger } from '../core/logger';

/**
 * Every bucket of the account with its home region. ListBuckets returns `BucketRegion` only when the request
 * "expresses pagination", so MaxBuckets is always sent; where a region is still missing, HeadBucket (answers
 * `x-amz-bucket-region` from any region, even on 301/403) and then GetBucketLocation fill it.
 */
export interface ListBucketsOptions {
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  readonly pageSize?: number;
}

/** Buckets whose region neither ListBuckets, HeadBucket nor GetBucketLocation told: unknown, never dropped. */
export interface UnlocatedBucket {
  readonly name: string;
  readonly reason: string;
}

export async function listBucketsWithRegion(
  s3: S3Client,
  options: ListBucketsOptions = {},
): Promise<{ located: BucketLocation[]; unlocated: UnlocatedBucket[] }> {
  const located: BucketLocation[] = [];
  const unlocated: UnlocatedBucket[] = [];
  let continuationToken: string | undefined;
  do {
    throwIfAborted(options.signal);
    const page = await s3.send(new ListBucketsCommand({ MaxBuckets: options.pageSize ?? 1000, ContinuationToken: continuationToken }), {
      abortSignal: options.signal,
    });
    for (const bucket of page.Buckets ?? []) {
      if (!bucket.Name) continue;
      const region = bucket.BucketRegion
        ? normaliseLocationConstraint(bucket.BucketRegion)
        : await bucketHomeRegion(s3, bucket.Name, options);
      if (typeof region === 'string') located.push({ name: bucket.Name, region, creationDate: bucket.CreationDate?.toISOString() });
      else unlocated.push({ name: bucket.Name, reason: region.reason });
    }
    continuationToken = page.ContinuationToken;
  } while (continuationToken);
  return { located, unlocated };
}

interface ErrorWithResponse {
  name?: string;
  $response?: { headers?: Record<string, string | undefined> };
  $metadata?: { httpStatusCode?: number };
}

/** The bucket's region, or why neither HeadBucket nor GetBucketLocation told it. */
async function bucketHomeRegion(s3: S3Client, bucket: string, options: ListBucketsOptions = {}): Promise<string | { reason: string }> {
  try {
    const head = await s3.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal: options.signal });
    if (head.BucketRegion) return normaliseLocationConstraint(head.BucketRegion);
  } catch (error) {
    // A redirect or a denial still carries the region header.
    const header = (error as ErrorWithResponse).$response?.headers?.['x-amz-bucket-region'];
    if (header) return normaliseLocationConstraint(header);
    options.logger?.debug(`HeadBucket ${bucket} failed: ${(error as ErrorWithResponse).name ?? error}`);
  }
  try {
    const location = await s3.send(new GetBucketLocationCommand({ Bucket: bucket }), { abortSignal: options.signal });
    return normaliseLocationConstraint(location.LocationConstraint);
  } catch (error) {
    const reason = `its region could not be read (GetBucketLocation: ${(error as ErrorWithResponse).name ?? error})`;
    options.logger?.warn(`Bucket ${bucket}: ${reason}`);
    return { reason };
  }
}
