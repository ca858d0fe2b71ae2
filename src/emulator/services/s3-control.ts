import type { World } from '../model/world';
import { ServiceError, type EmulatorRequest, type EmulatorResponse } from '../protocol/request';
import { xmlOk } from '../protocol/respond';
import { S3_XMLNS, toXml } from '../protocol/xml';
import { isSystemKey, parseTagSet, permanentRedirect, recordBucketEvent, validateTagSet } from './s3';

const TAGS_PATH = /^\/v20180820\/tags\/(.+)$/;

export function s3ControlOperation(method: string, path: string): string | undefined {
  if (!TAGS_PATH.test(path)) return undefined;
  return ({ POST: 'TagResource', GET: 'ListTagsForResource', DELETE: 'UntagResource' } as Record<string, string>)[method];
}

/**
 * S3 Control tagging (`/v20180820/tags/{arn}`), the way to tag ABAC-enabled buckets. Merges per key, as
 * TagResource does, and must reach the bucket's home region like other bucket-level calls.
 */
export function handleS3Control(world: World, request: EmulatorRequest): EmulatorResponse {
  const arn = decodeURIComponent(TAGS_PATH.exec(request.path)?.[1] ?? '');
  const accountId = request.headers['x-amz-account-id'];
  if (accountId !== world.accountId) throw new ServiceError('AccessDenied', 'Access Denied', 403);
  const name = /^arn:aws:s3:::([^/]+)$/.exec(arn)?.[1];
  const bucket = name ? world.buckets.get(name) : undefined;
  if (!bucket) throw new ServiceError('NoSuchResource', 'The specified resource does not exist', 404);
  if (bucket.region !== request.region) throw permanentRedirect(bucket);
  switch (request.operation) {
    case 'ListTagsForResource':
      return xmlOk(
        toXml(
          'ListTagsForResourceResult',
          { Tags: { Tag: Object.entries(bucket.tags).map(([Key, Value]) => ({ Key, Value })) } },
          S3_XMLNS,
        ),
      );
    case 'TagResource': {
      const added = parseTagSet(request.body, 'TagResourceRequest', 'Tags');
      if (Object.keys(added).some(isSystemKey)) throw new ServiceError('InvalidTag', 'System tags cannot be added by requester');
      const merged = { ...bucket.tags, ...added };
      validateTagSet(merged);
      bucket.tags = merged;
      recordBucketEvent(world, request, 'TagResource', bucket, { resourceArn: arn });
      return { status: 204 };
    }
    case 'UntagResource': {
      const keys = request.query.getAll('tagKeys');
      if (keys.some(isSystemKey)) throw new ServiceError('InvalidTag', 'System Tags cannot be removed by requester');
      bucket.tags = Object.fromEntries(Object.entries(bucket.tags).filter(([k]) => !keys.includes(k)));
      recordBucketEvent(world, request, 'UntagResource', bucket, { resourceArn: arn, tagKeys: keys });
      return { status: 204 };
    }
    default:
      throw new ServiceError('NotImplemented', 'Not implemented', 501);
  }
}
