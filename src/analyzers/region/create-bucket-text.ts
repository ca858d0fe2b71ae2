/**
 * The text no CreateBucket call can be written without, per kind of source: a test on the raw text that decides,
 * before any parse, whether a file is worth reading further. The extractors start with it, and the analyzers
 * offer it as `mayFindIn` to callers with many files (the editor's workspace check), so both agree by construction.
 */
export const CREATE_BUCKET_TEXT = {
  /** SDK v3 `CreateBucketCommand`; `createBucket` of the v3 aggregated `S3` and of v2 clients. */
  javascript: /createBucket|CreateBucketCommand/,
  /** boto3 `client.create_bucket(...)` and `resource.Bucket(...).create(...)`. */
  python: /create_bucket|\.create\s*\(/,
  /** `aws s3api create-bucket` and `aws s3 mb`, in scripts, Makefile recipes and CI steps. */
  shell: /\bs3api\b|\bs3\s+mb\b/,
  /** aws-sdk-go-v2 `client.CreateBucket(ctx, ...)`. */
  go: /\.CreateBucket\s*\(/,
  /** Java SDK 2.x and 1.x `createBucket(...)`. */
  java: /\.createBucket\s*\(/,
  /** .NET `PutBucketAsync(...)` / `PutBucket(...)`. */
  csharp: /\.PutBucket(Async)?\s*\(/,
} as const;
