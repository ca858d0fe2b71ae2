import type { S3Tool } from './s3-create-bucket-outcome';

/**
 * The region a client uses when the code sets none, and where that came from. Diagnostics name the source,
 * because "assumed us-east-1 from AWS_REGION" is actionable where "assumed us-east-1" is not.
 */
export interface ConfiguredRegion {
  readonly region: string;
  /** e.g. `tagsight.regionCheck.assumedRegion`, `AWS_REGION`, `AWS_DEFAULT_REGION`, `profile "dev" in ~/.aws/config` */
  readonly source: string;
}

/** Whose lookup rules apply: each SDK reads its own variables; both AWS CLI commands share the CLI's. */
export type RegionLookupTool = 'js-v3' | 'js-v2' | 'boto3' | 'aws-cli';

/** Undefined for the SDKs whose own lookup Tagsight does not model (Go, Java, .NET): their clients without a region in code are unknown. */
export function regionLookupTool(tool: S3Tool): RegionLookupTool | undefined {
  switch (tool) {
    case 'aws-cli-s3api':
    case 'aws-cli-s3-mb':
      return 'aws-cli';
    case 'js-v3':
    case 'js-v2':
    case 'boto3':
      return tool;
    default:
      return undefined;
  }
}

/**
 * The configured region of a tool's client without a region in code, as that tool would look it up; `profile`
 * when the code names one (`profile_name=`, `--profile`), else the tool's own profile variables decide. Undefined
 * when the tool would find none: then nothing is assumed. Synchronous: the files it needs are read beforehand.
 */
export type ConfiguredRegionLookup = (tool: RegionLookupTool, profile?: string) => ConfiguredRegion | undefined;

/** Set in a finding's properties when the client's region came from the configured region, not from the code. */
export const REGION_FROM_ENVIRONMENT = 'regionFromEnvironment';

/**
 * What the editor tells the user beside such a finding: it judged by their own environment, which `tagsight check`
 * leaves out unless asked (so a teammate or CI may see no finding).
 */
export function environmentRegionNote(source: string): string {
  return (
    `This client sets no region in code; the editor judged it by your environment (${source}). ` +
    '`tagsight check` judges it only with --assume-region or --use-local-aws-config.'
  );
}
