/**
 * S3 reports a bucket's region in two legacy spellings: no LocationConstraint (null or '') for us-east-1,
 * and 'EU' for eu-west-1 (GetBucketLocation, CreateBucketConfiguration, CloudTrail requestParameters).
 * Everything else in Tagsight speaks plain region codes; this is the one place that translates.
 */
const S3_DEFAULT_REGION = 'us-east-1';

/** The CloudFormation/Config type of a bucket. */
export const BUCKET_RESOURCE_TYPE = 'AWS::S3::Bucket';

export function normaliseLocationConstraint(locationConstraint: string | null | undefined): string {
  if (locationConstraint === null || locationConstraint === undefined) return S3_DEFAULT_REGION;
  const trimmed = locationConstraint.trim();
  if (trimmed === '') return S3_DEFAULT_REGION;
  if (trimmed === 'EU') return 'eu-west-1';
  return trimmed;
}

/** S3 bucket ARNs carry neither region nor account. */
export function bucketArn(bucket: string): string {
  return `arn:aws:s3:::${bucket}`;
}
