/**
 * The region a client uses when the code sets none, and where that came from. Diagnostics name the source,
 * because "assumed us-east-1 from AWS_REGION" is actionable where "assumed us-east-1" is not.
 */
export interface ConfiguredRegion {
  readonly region: string;
  /** e.g. `tagsight.regionCheck.assumedRegion`, `AWS_REGION`, `AWS_DEFAULT_REGION`, `profile "dev" in ~/.aws/config` */
  readonly source: string;
}
