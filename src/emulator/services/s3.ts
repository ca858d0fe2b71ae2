import type { TagMap } from '../scenario';
import type { World } from '../model/world';
import type { LiveResource } from '../model/types';
import { decodeToken, encodeToken } from '../protocol/pagination';
import { ServiceError, type EmulatorRequest, type EmulatorResponse } from '../protocol/request';
import { xmlOk } from '../protocol/respond';
import { escapeXml } from '../../core/xml-escape';
import { parseXml, S3_XMLNS, toXml } from '../protocol/xml';

/**
 * Regions that launched before 2019-03-20: the us-east-1 endpoint may create buckets there (S3-DG-2021
 * UsingBucket.md); newer regions need a client in the same region.
 */
const PRE_2019_REGIONS = new Set([
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-south-1',
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-west-1',
  'us-gov-east-1',
]);

const MAX_TAGS = 50;

/** Which S3 operation a path-style request is. Object-level paths are not emulated. */
export function s3Operation(method: string, path: string, query: URLSearchParams): string | undefined {
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.length === 0) return method === 'GET' ? 'ListBuckets' : undefined;
  if (segments.length > 1) return undefined;
  if (method === 'HEAD') return 'HeadBucket';
  if (query.has('tagging'))
    return ({ GET: 'GetBucketTagging', PUT: 'PutBucketTagging', DELETE: 'DeleteBucketTagging' } as Record<string, string>)[method];
  if (query.has('location') && method === 'GET') return 'GetBucketLocation';
  if (query.has('abac') && method === 'GET') return 'GetBucketAbac';
  if (method === 'PUT' && [...query.keys()].filter((k) => k !== 'x-id').length === 0) return 'CreateBucket';
  return undefined;
}

export function handleS3(world: World, request: EmulatorRequest): EmulatorResponse {
  const bucketName = decodeURIComponent(request.path.split('/').filter((s) => s !== '')[0] ?? '');
  switch (request.operation) {
    case 'ListBuckets':
      return listBuckets(world, request);
    case 'CreateBucket':
      return createBucketFromHttp(world, request, bucketName);
    case 'HeadBucket':
      return headBucket(world, request, bucketName);
    case 'GetBucketLocation': {
      const bucket = existingBucket(world, bucketName);
      const location =
        bucket.region === 'us-east-1' ? '' : bucket.bucket?.legacyEuLocation && bucket.region === 'eu-west-1' ? 'EU' : bucket.region;
      return xmlOk(`<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_XMLNS}">${location}</LocationConstraint>`);
    }
    case 'GetBucketTagging': {
      const bucket = homeRegionBucket(world, request, bucketName);
      const entries = Object.entries(bucket.tags);
      if (entries.length === 0)
        throw new ServiceError('NoSuchTagSet', 'The TagSet does not exist', 404, { xmlExtra: { BucketName: escapeXml(bucketName) } });
      return xmlOk(toXml('Tagging', { TagSet: { Tag: entries.map(([Key, Value]) => ({ Key, Value })) } }, S3_XMLNS));
    }
    case 'PutBucketTagging':
      return putBucketTagging(world, request, bucketName);
    case 'GetBucketAbac': {
      const bucket = homeRegionBucket(world, request, bucketName);
      return xmlOk(toXml('AbacStatus', { Status: bucket.bucket?.abac ? 'Enabled' : 'Disabled' }, S3_XMLNS));
    }
    case 'DeleteBucketTagging': {
      const bucket = homeRegionBucket(world, request, bucketName);
      if (bucket.bucket?.abac) throw abacRefusal();
      const system = Object.fromEntries(Object.entries(bucket.tags).filter(([k]) => isSystemKey(k)));
      bucket.tags = system;
      recordBucketEvent(world, request, 'DeleteBucketTagging', bucket, { bucketName, tagging: '' });
      return { status: 204 };
    }
    default:
      throw new ServiceError('NotImplemented', 'A header or query you provided implies functionality that is not implemented', 501);
  }
}

function listBuckets(world: World, request: EmulatorRequest): EmulatorResponse {
  const q = request.query;
  const paginated = q.has('max-buckets') || q.has('continuation-token') || q.has('prefix') || q.has('bucket-region');
  let buckets = [...world.buckets.values()].sort((a, b) => a.id.localeCompare(b.id));
  const prefix = q.get('prefix');
  if (prefix) buckets = buckets.filter((b) => b.id.startsWith(prefix));
  const regionFilter = q.get('bucket-region');
  if (regionFilter) buckets = buckets.filter((b) => b.region === regionFilter);
  let next: string | undefined;
  if (paginated) {
    const max = q.has('max-buckets') ? Number(q.get('max-buckets')) : 10_000;
    if (!Number.isInteger(max) || max < 1 || max > 10_000)
      throw new ServiceError('InvalidArgument', 'max-buckets must be between 1 and 10000');
    const offset = decodeToken('ListBuckets', q.get('continuation-token') ?? undefined, 'InvalidArgument');
    const slice = buckets.slice(offset, offset + max);
    if (offset + slice.length < buckets.length) next = encodeToken('ListBuckets', offset + slice.length);
    buckets = slice;
  }
  const body = {
    Owner: { ID: ownerId(world), DisplayName: 'tagsight-demo' },
    Buckets: {
      Bucket: buckets.map((b) => ({
        Name: b.id,
        CreationDate: b.createdAt.toISOString(),
        ...(paginated ? { BucketRegion: b.region } : {}),
      })),
    },
    ...(next ? { ContinuationToken: next } : {}),
    ...(prefix ? { Prefix: prefix } : {}),
  };
  return xmlOk(toXml('ListAllMyBucketsResult', body, S3_XMLNS));
}

/** HeadBucket answers from any region; outside the home region as a bare 301 that still names the region. */
function headBucket(world: World, request: EmulatorRequest, name: string): EmulatorResponse {
  const bucket = world.buckets.get(name);
  if (!bucket) throw new ServiceError('NotFound', 'Not Found', 404, { bare: true });
  const headers = { 'x-amz-bucket-region': bucket.region, 'x-amz-bucket-arn': bucket.arn, 'x-amz-access-point-alias': 'false' };
  if (bucket.region !== request.region) throw new ServiceError('PermanentRedirect', 'Moved Permanently', 301, { bare: true, headers });
  return { status: 200, headers };
}

function existingBucket(world: World, name: string): LiveResource {
  const bucket = world.buckets.get(name);
  if (!bucket)
    throw new ServiceError('NoSuchBucket', 'The specified bucket does not exist', 404, { xmlExtra: { BucketName: escapeXml(name) } });
  return bucket;
}

/** Bucket operations other than HeadBucket/GetBucketLocation must reach the home region's endpoint. */
function homeRegionBucket(world: World, request: EmulatorRequest, name: string): LiveResource {
  const bucket = existingBucket(world, name);
  if (bucket.region !== request.region) throw permanentRedirect(bucket);
  return bucket;
}

export function permanentRedirect(bucket: LiveResource): ServiceError {
  return new ServiceError(
    'PermanentRedirect',
    'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
    301,
    {
      headers: { 'x-amz-bucket-region': bucket.region },
      xmlExtra: { Endpoint: `s3.${bucket.region}.amazonaws.com`, Bucket: escapeXml(bucket.id) },
    },
  );
}

function putBucketTagging(world: World, request: EmulatorRequest, name: string): EmulatorResponse {
  const bucket = homeRegionBucket(world, request, name);
  const tags = parseTagSet(request.body, 'Tagging');
  if (bucket.bucket?.abac) throw abacRefusal();
  validateReplacement(bucket.tags, tags);
  bucket.tags = tags;
  recordBucketEvent(world, request, 'PutBucketTagging', bucket, {
    bucketName: name,
    Tagging: { TagSet: { Tag: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } },
    tagging: '',
  });
  return { status: 204 };
}

/** UNCONFIRMED wording: AWS documents that PutBucketTagging cannot be used once ABAC is on, not the error text. */
function abacRefusal(): ServiceError {
  return new ServiceError(
    'InvalidRequest',
    'Attribute-based access control is enabled for this bucket: use the S3 Control TagResource API to change its tags.',
  );
}

/** PutBucketTagging replaces the whole set; system tags must be re-sent unchanged. */
export function validateReplacement(current: TagMap, next: TagMap): void {
  for (const [key, value] of Object.entries(current)) {
    if (isSystemKey(key) && next[key] !== value) throw new ServiceError('InvalidTag', 'System Tags cannot be removed by requester');
  }
  for (const key of Object.keys(next)) {
    if (isSystemKey(key) && !(key in current)) throw new ServiceError('InvalidTag', 'System tags cannot be added by requester');
  }
  validateTagSet(next);
}

export function validateTagSet(tags: TagMap): void {
  const userTags = Object.keys(tags).filter((k) => !isSystemKey(k));
  if (userTags.length > MAX_TAGS) throw new ServiceError('InvalidTag', `Bucket tag count cannot be greater than ${MAX_TAGS}`);
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > 128) throw new ServiceError('InvalidTag', 'The TagKey you have provided is too long, max 128');
    if (value.length > 256) throw new ServiceError('InvalidTag', 'The TagValue you have provided is too long, max 256');
  }
}

export function isSystemKey(key: string): boolean {
  return key.toLowerCase().startsWith('aws:');
}

/** Reads `<Root><TagSet|Tags><Tag><Key/><Value/></Tag>...` into a map, rejecting duplicate keys. */
export function parseTagSet(body: string, root: string, listName = 'TagSet'): TagMap {
  let parsed: Record<string, unknown>;
  try {
    parsed = parseXml(body);
  } catch {
    throw new ServiceError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  }
  const container = (parsed[root] as Record<string, unknown> | undefined)?.[listName];
  if (container === undefined)
    throw new ServiceError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  const list = ((container as Record<string, unknown> | '')?.['Tag' as never] as { Key?: unknown; Value?: unknown }[] | undefined) ?? [];
  const tags: TagMap = {};
  for (const tag of list) {
    const key = typeof tag.Key === 'string' ? tag.Key : undefined;
    if (key === undefined)
      throw new ServiceError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    if (key in tags) throw new ServiceError('InvalidTag', 'Cannot provide multiple Tags with the same key');
    tags[key] = typeof tag.Value === 'string' ? tag.Value : '';
  }
  return tags;
}

export interface CreateBucketCall {
  bucket: string;
  endpointRegion: string;
  locationConstraint?: string;
  tags?: TagMap;
  userAgent: string;
  accessKeyId?: string;
  username?: string;
  eventTime: Date;
}

function createBucketFromHttp(world: World, request: EmulatorRequest, name: string): EmulatorResponse {
  let locationConstraint: string | undefined;
  let tags: TagMap | undefined;
  if (request.body.trim() !== '') {
    let parsed: Record<string, unknown>;
    try {
      parsed = parseXml(request.body);
    } catch {
      throw new ServiceError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    }
    const config = parsed.CreateBucketConfiguration as Record<string, unknown> | undefined;
    if (config === undefined)
      throw new ServiceError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    if (typeof config.LocationConstraint === 'string' && config.LocationConstraint !== '') locationConstraint = config.LocationConstraint;
    if (config.Tags !== undefined) tags = parseTagSet(request.body, 'CreateBucketConfiguration', 'Tags');
  }
  const call: CreateBucketCall = {
    bucket: name,
    endpointRegion: request.region,
    locationConstraint,
    tags,
    userAgent: request.userAgent,
    accessKeyId: request.accessKeyId,
    eventTime: world.now(),
  };
  let bucket: LiveResource;
  try {
    bucket = createBucket(world, call);
  } catch (error) {
    // CloudTrail logs refused calls as well, with their error code and no bucket.
    if (error instanceof ServiceError) recordCreateBucketEvent(world, call, [], { errorCode: error.code, errorMessage: error.message });
    throw error;
  }
  const location = bucket.region === 'us-east-1' ? `/${name}` : `http://${name}.s3.amazonaws.com/`;
  return { status: 200, headers: { location, 'x-amz-bucket-arn': bucket.arn } };
}

/**
 * CreateBucket's endpoint/region rules (docs/aws-behaviour.md#s3-createbucket-endpoints) and its CloudTrail event, recorded in the region the
 * request was sent to. The scenario loader replays creations through here too.
 */
export function createBucket(world: World, call: CreateBucketCall): LiveResource {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(call.bucket))
    throw new ServiceError('InvalidBucketName', 'The specified bucket is not valid.');
  const constraint = call.locationConstraint === 'EU' ? 'eu-west-1' : call.locationConstraint;
  if (constraint === 'us-east-1') throw new ServiceError('InvalidLocationConstraint', 'The specified location-constraint is not valid');
  if (constraint !== undefined && !world.regions.has(constraint))
    throw new ServiceError('InvalidLocationConstraint', 'The specified location-constraint is not valid');
  let home: string;
  if (call.endpointRegion === 'us-east-1') {
    if (constraint !== undefined && !PRE_2019_REGIONS.has(constraint)) throw incompatible(constraint);
    home = constraint ?? 'us-east-1';
  } else {
    if (constraint !== call.endpointRegion) throw incompatible(constraint);
    home = constraint;
  }
  if (world.buckets.has(call.bucket))
    throw new ServiceError(
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      409,
      { xmlExtra: { BucketName: escapeXml(call.bucket) } },
    );
  if (call.tags) validateTagSet(call.tags);
  const bucket: LiveResource = {
    region: home,
    type: 'AWS::S3::Bucket',
    id: call.bucket,
    name: call.bucket,
    arn: `arn:aws:s3:::${call.bucket}`,
    tags: { ...call.tags },
    createdAt: call.eventTime,
    bucket: { abac: false, legacyEuLocation: call.locationConstraint === 'EU' },
  };
  world.addResource(bucket);
  recordCreateBucketEvent(world, call, [bucket.arn]);
  return bucket;
}

function recordCreateBucketEvent(
  world: World,
  call: CreateBucketCall,
  affectedArns: string[],
  failure?: { errorCode: string; errorMessage: string },
): void {
  const host =
    call.endpointRegion === 'us-east-1' ? `${call.bucket}.s3.amazonaws.com` : `${call.bucket}.s3.${call.endpointRegion}.amazonaws.com`;
  world.recordEvent(
    {
      ...failure,
      region: call.endpointRegion,
      eventName: 'CreateBucket',
      eventSource: 's3.amazonaws.com',
      eventTime: call.eventTime,
      username: call.username,
      accessKeyId: call.accessKeyId,
      readOnly: false,
      userAgent: call.userAgent,
      requestParameters: {
        ...(call.locationConstraint !== undefined || call.tags
          ? {
              CreateBucketConfiguration: {
                ...(call.locationConstraint !== undefined ? { LocationConstraint: call.locationConstraint } : {}),
                ...(call.tags ? { Tags: { Tag: Object.entries(call.tags).map(([Key, Value]) => ({ Key, Value })) } } : {}),
                xmlns: S3_XMLNS,
              },
            }
          : {}),
        bucketName: call.bucket,
        Host: host,
      },
      resources: [{ ResourceType: 'AWS::S3::Bucket', ResourceName: call.bucket }],
    },
    affectedArns,
  );
}

function incompatible(constraint: string | undefined): ServiceError {
  const what = constraint === undefined ? 'unspecified' : constraint;
  return new ServiceError(
    'IllegalLocationConstraintException',
    `The ${what} location constraint is incompatible for the region specific endpoint this request was sent to.`,
  );
}

export function recordBucketEvent(
  world: World,
  request: EmulatorRequest,
  eventName: string,
  bucket: LiveResource,
  requestParameters: Record<string, unknown>,
): void {
  world.recordEvent(
    {
      region: request.region,
      eventName,
      eventSource: 's3.amazonaws.com',
      eventTime: world.now(),
      accessKeyId: request.accessKeyId,
      readOnly: false,
      userAgent: request.userAgent,
      requestParameters: { ...requestParameters, Host: `s3.${request.region}.amazonaws.com` },
      resources: [{ ResourceType: 'AWS::S3::Bucket', ResourceName: bucket.id }],
    },
    [bucket.arn],
  );
}

function ownerId(world: World): string {
  return Buffer.from(world.accountId).toString('hex').padEnd(64, '0');
}
