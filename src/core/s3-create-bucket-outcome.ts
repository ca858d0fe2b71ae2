import { normaliseLocationConstraint } from './bucket-region';
import { isRegionCode, regionInfo } from './regions';

/**
 * What AWS does with one CreateBucket call, decided from the tool that sends it, the client's region and the
 * LocationConstraint as written. Pure: the analyzers of JavaScript, Python and shell code all ask this one place.
 *
 * Facts (docs/aws-behaviour.md#sdk-createbucket and #s3-createbucket-endpoints):
 * - JS SDK v3 (middleware-location-constraint) fills a missing LocationConstraint with the client region, except in
 *   us-east-1; JS SDK v2 does the same when no CreateBucketConfiguration is given; `aws s3 mb` likewise.
 *   boto3 and `aws s3api create-bucket` send exactly what is written.
 * - Endpoints: JS v3 and CLI v2 use the regional endpoint (`region: 'aws-global'` selects s3.amazonaws.com);
 *   JS v2 and boto3 (s3.us_east_1_regional_endpoint = legacy) send us-east-1 calls to s3.amazonaws.com.
 * - A regional endpoint outside us-east-1 accepts only its own region's constraint
 *   (IllegalLocationConstraintException); an explicit `us-east-1` constraint is InvalidLocationConstraint;
 *   s3.amazonaws.com (and, UNCONFIRMED, the regional us-east-1 endpoint) accepts another region's constraint for
 *   regions that launched before 2019-03-20, and the CloudTrail event then lands in us-east-1.
 *
 * The SDKs of Go, Java and .NET (docs/sdk-create-bucket.md has the sources, confirmed and not):
 * - Go v2 (`aws-sdk-go-v2`) sends exactly what is written (v1 filled the constraint; v2 does not) and, by its endpoint
 *   rules (UseGlobalEndpoint defaults to false), sends us-east-1 calls to the regional endpoint (UNCONFIRMED).
 * - Java v2 (CreateBucketInterceptor) fills a missing LocationConstraint with the client region outside us-east-1;
 *   a us-east-1 client uses s3.amazonaws.com unless configured for the regional endpoint.
 * - Java v1 `createBucket(name)` sends the client's region as the constraint outside us-east-1; `createBucket(name,
 *   region)` and `new CreateBucketRequest(name, region)` send the one written. Its us-east-1 endpoint is global
 *   unless `withRegionalUsEast1EndpointEnabled` (global as the default is UNCONFIRMED, inferred from that opt-in).
 * - .NET (AmazonS3PreMarshallHandler) fills the constraint from the client region when `BucketRegion`,
 *   `BucketRegionName` and `PutBucketConfiguration` leave it unset and `UseClientRegion` is true (the default);
 *   a us-east-1 client sends to s3.amazonaws.com (SDK v3).
 */
export type S3Tool = 'js-v3' | 'js-v2' | 'boto3' | 'aws-cli-s3api' | 'aws-cli-s3-mb' | 'go-v2' | 'java-v2' | 'java-v1' | 'dotnet';

/** The pseudo-region that selects the global endpoint s3.amazonaws.com (JS v3 `region: 'aws-global'`). */
export const GLOBAL_REGION = 'aws-global';

export interface CreateBucketCall {
  readonly tool: S3Tool;
  /** A region code, or GLOBAL_REGION for the global endpoint. */
  readonly clientRegion: string;
  /** The LocationConstraint as written in code; undefined when absent. */
  readonly locationConstraint?: string;
  /**
   * JS v2 only fills the constraint when CreateBucketConfiguration is absent altogether; v3 when the
   * LocationConstraint is. True when a CreateBucketConfiguration object is written (with or without the key).
   */
  readonly hasCreateBucketConfiguration?: boolean;
}

export type CreateBucketOutcomeKind = 'ok' | 'fails' | 'unseen-by-config' | 'unknown';

export type S3Exception = 'IllegalLocationConstraintException' | 'InvalidLocationConstraint';

export type FailureReason =
  'explicit-us-east-1' | 'missing-constraint-on-regional-endpoint' | 'constraint-differs-from-endpoint' | 'region-launched-after-2019';

export interface CreateBucketOutcome {
  readonly outcome: CreateBucketOutcomeKind;
  /** The constraint the request carries after the tool's own filling; undefined when none is sent. */
  readonly sentConstraint?: string;
  /** Where the bucket would live: the normalised constraint, us-east-1 when none. */
  readonly bucketRegion?: string;
  /** The region whose endpoint receives the call (us-east-1 for the global endpoint). */
  readonly endpointRegion?: string;
  readonly globalEndpoint: boolean;
  readonly exception?: S3Exception;
  readonly reason?: FailureReason;
}

/**
 * A us-east-1 client cannot create buckets in a region that launched after 2019-03-20. Those are exactly the
 * opt-in regions (AWS disables every region introduced after that date by default), so the built-in region list
 * is the one source. A region code it does not know is treated as new too: regions only get added.
 * ap-northeast-3 opened as a local region in 2018 (a full region in 2021) and is not opt-in, so the doubtful case
 * gives a warning rather than a claimed failure.
 */
function launchedAfter2019Cutoff(region: string): boolean {
  return isRegionCode(region) && (regionInfo(region)?.optIn ?? true);
}

function fillsConstraintFromClient(call: CreateBucketCall): boolean {
  switch (call.tool) {
    case 'js-v3':
      return call.locationConstraint === undefined;
    case 'js-v2':
      return !call.hasCreateBucketConfiguration && call.locationConstraint === undefined;
    case 'aws-cli-s3-mb':
      return true;
    case 'java-v2':
    case 'java-v1':
    case 'dotnet':
      return call.locationConstraint === undefined;
    case 'boto3':
    case 'aws-cli-s3api':
    case 'go-v2':
      return false;
  }
}

/** s3.amazonaws.com for us-east-1 under the legacy default (boto3, JS v2, Java, .NET); JS v3, Go v2 and CLI v2 stay regional. */
function usesGlobalEndpointForUsEast1(tool: S3Tool): boolean {
  return tool === 'boto3' || tool === 'js-v2' || tool === 'java-v2' || tool === 'java-v1' || tool === 'dotnet';
}

export function decideCreateBucketOutcome(call: CreateBucketCall): CreateBucketOutcome {
  const global = call.clientRegion === GLOBAL_REGION;
  // Values that are not region codes (a typo, a placeholder) are not judged: their fate is not documented.
  if (!global && !isRegionCode(call.clientRegion)) return { outcome: 'unknown', globalEndpoint: false };
  const written = call.locationConstraint;
  if (written !== undefined && written !== 'EU' && !isRegionCode(written)) return { outcome: 'unknown', globalEndpoint: global };
  let sentConstraint = call.locationConstraint;
  if (fillsConstraintFromClient(call) && call.clientRegion !== 'us-east-1') {
    // JS v3 would send `aws-global` itself as the constraint: AWS's answer to that is not documented.
    if (global) return { outcome: 'unknown', globalEndpoint: true };
    sentConstraint = call.clientRegion;
  }
  const endpointRegion = global ? 'us-east-1' : call.clientRegion;
  const globalEndpoint = global || (endpointRegion === 'us-east-1' && usesGlobalEndpointForUsEast1(call.tool));
  const base = { sentConstraint, endpointRegion, globalEndpoint };

  if (sentConstraint === 'us-east-1') {
    return { ...base, outcome: 'fails', bucketRegion: 'us-east-1', exception: 'InvalidLocationConstraint', reason: 'explicit-us-east-1' };
  }
  const bucketRegion = normaliseLocationConstraint(sentConstraint);
  if (endpointRegion !== 'us-east-1') {
    if (bucketRegion === endpointRegion) return { ...base, outcome: 'ok', bucketRegion };
    return {
      ...base,
      outcome: 'fails',
      bucketRegion,
      exception: 'IllegalLocationConstraintException',
      reason: sentConstraint === undefined ? 'missing-constraint-on-regional-endpoint' : 'constraint-differs-from-endpoint',
    };
  }
  if (bucketRegion === 'us-east-1') return { ...base, outcome: 'ok', bucketRegion };
  if (launchedAfter2019Cutoff(bucketRegion)) {
    return {
      ...base,
      outcome: 'fails',
      bucketRegion,
      exception: 'IllegalLocationConstraintException',
      reason: 'region-launched-after-2019',
    };
  }
  return { ...base, outcome: 'unseen-by-config', bucketRegion };
}
