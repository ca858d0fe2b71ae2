import type { ConfiguredRegion } from '../../core/configured-region';
import type { Range, TextEdit } from '../../core/range';
import type { S3Tool } from '../../core/s3-create-bucket-outcome';

/** The region a named profile gives (shared config file), with its source (injected: analyzers read no files). */
export type ProfileRegionLookup = (profile: string) => ConfiguredRegion | undefined;

/**
 * One CreateBucket call found in code, in language-neutral terms: what each language's extractor produces and
 * what findings.ts judges. Edits are built by the extractor because only it knows the syntax.
 */
export type ClientRegion =
  /** Written in the code (literal, constant, default parameter, ...). */
  | { readonly kind: 'code'; readonly region: string; readonly source: string }
  /** Not in the code: the configured region applies (resolved by findings.ts from the context). */
  | { readonly kind: 'configured'; readonly configured?: ConfiguredRegion }
  | { readonly kind: 'unknown' };

export type WrittenConstraint =
  | { readonly kind: 'absent'; readonly hasCreateBucketConfiguration: boolean }
  | { readonly kind: 'value'; readonly value: string; readonly range: Range }
  | { readonly kind: 'unknown' };

export interface CreateBucketSite {
  readonly tool: S3Tool;
  /** Where the diagnostic goes: the call (or command) itself. */
  readonly range: Range;
  /** `s3.send(new CreateBucketCommand(...))`, `aws s3 mb`, ...: the finding's `resource`. */
  readonly description: string;
  readonly client: ClientRegion;
  readonly constraint: WrittenConstraint;
  /** Edits that make the client use `region` (literal replaced, or a region argument added); undefined if none. */
  readonly setClientRegion?: (region: string) => TextEdit[] | undefined;
  /** Edits that send only this call through a new client for `region`; offered when the client is shared. */
  readonly clientForThisCall?: (region: string) => TextEdit[] | undefined;
  /** True when the client object serves other calls too, so changing its region would move them as well. */
  readonly clientShared: boolean;
  /** Edits that drop the written LocationConstraint (or the whole CreateBucketConfiguration when it holds only that). */
  readonly removeConstraint?: () => TextEdit[] | undefined;
  /** Edits that add `LocationConstraint = region` (boto3, s3api, which send none of their own). */
  readonly addConstraint?: (region: string) => TextEdit[] | undefined;
}
