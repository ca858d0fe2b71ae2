import { GetBucketAbacCommand, GetBucketTaggingCommand, PutBucketTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import { ListTagsForResourceCommand, TagResourceCommand, type S3ControlClient } from '@aws-sdk/client-s3-control';
import { bucketArn } from '../core/bucket-region';
import { isAbortError } from '../core/errors';
import { changedTags, type TagMergePlan, type TagStore } from '../core/tag-merge';
import type { TagSet } from '../core/tag-policy';
import { awsErrorFacts, isAwsError } from './errors';
import { toTagList, toTagSet } from './tag-list';

/*
 * Bucket tags, always through a client of the bucket's HOME region: the write is then also an event in the
 * home region's CloudTrail, which the recorder there is likely to pick up (the cross-region create was not).
 */

/** GetBucketTagging; S3 answers NoSuchTagSet instead of an empty list for an untagged bucket. */
export async function readBucketTags(s3: S3Client, bucket: string, signal?: AbortSignal): Promise<TagSet> {
  try {
    const response = await s3.send(new GetBucketTaggingCommand({ Bucket: bucket }), { abortSignal: signal });
    return toTagSet(response.TagSet);
  } catch (error) {
    if (isAwsError(error, 'NoSuchTagSet')) return {};
    throw error;
  }
}

/**
 * Whether ABAC is on for the bucket: then PutBucketTagging is refused and S3 Control TagResource is the way.
 * Older endpoints (and emulators) that do not know the call answer with an error, which means "off".
 */
export async function isBucketAbacEnabled(s3: S3Client, bucket: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const response = await s3.send(new GetBucketAbacCommand({ Bucket: bucket }), { abortSignal: signal });
    return response.AbacStatus?.Status === 'Enabled';
  } catch (error) {
    if (isAbortError(error) || isAwsError(error, 'AccessDenied')) throw error;
    return false;
  }
}

/** S3's refusal of PutBucketTagging on an ABAC bucket; AWS documents the rule, not the error text (UNCONFIRMED). */
function isAbacRefusal(error: unknown): boolean {
  return isAwsError(error, 'InvalidRequest') && /attribute-based access control|\bABAC\b/i.test(awsErrorFacts(error).message ?? '');
}

/**
 * PutBucketTagging replaces the whole set: `plan.after` holds every existing tag, aws: system tags included.
 * When S3 refuses because ABAC is on (GetBucketAbac may be unavailable, so the check before can miss it), the
 * `abacFallback` store (S3 Control, additive) writes instead; the refused call changed nothing.
 */
export function bucketTagStore(
  s3: S3Client,
  bucket: string,
  region: string,
  options: { abacFallback?: () => Promise<TagStore> } = {},
): TagStore {
  return {
    description: `bucket ${bucket} in ${region}`,
    read: (signal) => readBucketTags(s3, bucket, signal),
    async write(plan: TagMergePlan, signal?: AbortSignal) {
      try {
        await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: toTagList(plan.after) } }), { abortSignal: signal });
      } catch (error) {
        if (!options.abacFallback || !isAbacRefusal(error)) throw error;
        await (await options.abacFallback()).write(plan, signal);
      }
    },
  };
}

/** ABAC buckets: S3 Control TagResource adds or updates keys, so only the changes are sent. */
export function abacBucketTagStore(s3Control: S3ControlClient, accountId: string, bucket: string, region: string): TagStore {
  const resourceArn = bucketArn(bucket);
  return {
    description: `bucket ${bucket} in ${region} (ABAC, S3 Control)`,
    async read(signal) {
      const response = await s3Control.send(new ListTagsForResourceCommand({ AccountId: accountId, ResourceArn: resourceArn }), {
        abortSignal: signal,
      });
      return toTagSet(response.Tags);
    },
    async write(plan, signal) {
      await s3Control.send(new TagResourceCommand({ AccountId: accountId, ResourceArn: resourceArn, Tags: toTagList(changedTags(plan)) }), {
        abortSignal: signal,
      });
    },
  };
}
