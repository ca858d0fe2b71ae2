import { normaliseLocationConstraint } from './bucket-region';

/**
 * A CreateBucket call as CloudTrail recorded it. `endpointRegion` is CloudTrail's `awsRegion`: "the AWS region
 * that the request was made to", so a bucket created through the global or us-east-1 endpoint for another
 * region shows us-east-1 here and its real home only in the LocationConstraint (docs/aws-behaviour.md#cloudtrail-createbucket-region).
 */
export interface CreateBucketEvent {
  readonly eventId?: string;
  readonly bucket: string;
  /** ISO 8601. */
  readonly eventTime: string;
  /** The region the request was sent to (CloudTrail `awsRegion`). */
  readonly endpointRegion: string;
  /** The region the bucket was created in: the normalised LocationConstraint. */
  readonly bucketRegion: string;
  readonly userArn?: string;
  readonly userName?: string;
  readonly userAgent?: string;
  readonly sourceIpAddress?: string;
  /** The call failed (errorCode set): no bucket was created by it. */
  readonly errorCode?: string;
}

/** The LookupEvents envelope around the CloudTrailEvent JSON string; SDK field names. */
export interface LookupEventEnvelope {
  readonly EventId?: string;
  readonly EventName?: string;
  readonly EventTime?: Date | string;
  readonly Username?: string;
  readonly CloudTrailEvent?: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(object: Json | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isoTime(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * Parses one CreateBucket record (the parsed CloudTrailEvent object, or its JSON string). Returns undefined for
 * anything that is not a readable CreateBucket record: malformed JSON never throws, it is simply not evidence.
 */
export function parseCreateBucketEvent(record: string | unknown, envelope: LookupEventEnvelope = {}): CreateBucketEvent | undefined {
  let parsed: unknown = record;
  if (typeof record === 'string') {
    try {
      parsed = JSON.parse(record);
    } catch {
      return undefined;
    }
  }
  if (!isObject(parsed)) return undefined;
  const eventName = stringField(parsed, 'eventName') ?? envelope.EventName;
  if (eventName !== 'CreateBucket') return undefined;
  const requestParameters = isObject(parsed.requestParameters) ? parsed.requestParameters : undefined;
  const bucket = stringField(requestParameters, 'bucketName');
  const endpointRegion = stringField(parsed, 'awsRegion');
  const eventTime = isoTime(stringField(parsed, 'eventTime')) ?? isoTime(envelope.EventTime);
  if (!bucket || !endpointRegion || !eventTime) return undefined;
  const configuration = isObject(requestParameters?.CreateBucketConfiguration) ? requestParameters.CreateBucketConfiguration : undefined;
  const constraint = configuration?.LocationConstraint;
  const userIdentity = isObject(parsed.userIdentity) ? parsed.userIdentity : undefined;
  const sessionIssuer =
    isObject(userIdentity?.sessionContext) && isObject(userIdentity.sessionContext.sessionIssuer)
      ? userIdentity.sessionContext.sessionIssuer
      : undefined;
  return {
    eventId: stringField(parsed, 'eventID') ?? envelope.EventId,
    bucket,
    eventTime,
    endpointRegion,
    bucketRegion: normaliseLocationConstraint(typeof constraint === 'string' ? constraint : undefined),
    userArn: stringField(userIdentity, 'arn'),
    userName: stringField(userIdentity, 'userName') ?? envelope.Username ?? stringField(sessionIssuer, 'userName'),
    userAgent: stringField(parsed, 'userAgent'),
    sourceIpAddress: stringField(parsed, 'sourceIPAddress'),
    errorCode: stringField(parsed, 'errorCode'),
  };
}

/** The call went to one region's endpoint but created the bucket in another. */
export function isCrossRegionCreate(event: CreateBucketEvent): boolean {
  return event.endpointRegion !== event.bucketRegion;
}

/**
 * The latest successful CreateBucket per bucket name. A bucket deleted and re-created keeps only its latest
 * creation: older events describe a bucket that no longer exists.
 */
export function latestCreateByBucket(events: readonly CreateBucketEvent[]): Map<string, CreateBucketEvent> {
  const latest = new Map<string, CreateBucketEvent>();
  for (const event of events) {
    if (event.errorCode) continue;
    const known = latest.get(event.bucket);
    if (!known || known.eventTime < event.eventTime) latest.set(event.bucket, event);
  }
  return latest;
}
