import { BUCKET_RESOURCE_TYPE, bucketArn } from './bucket-region';
import type { CoverageVerdict } from './coverage';
import type { RequiredTag } from './tag-policy';
import type { ScanError } from './scan-error';

/**
 * The model of one account scan: what AWS Config records in each region, which REQUIRED_TAGS rules exist, and
 * which resources they find non-compliant. Adapters (src/aws) fill it; views, reports and the CLI read it.
 * Every region carries its own result or error: one region failing never hides the others.
 */

export type RecordingStrategy = 'ALL_SUPPORTED_RESOURCE_TYPES' | 'INCLUSION_BY_RESOURCE_TYPES' | 'EXCLUSION_BY_RESOURCE_TYPES';
export type RecordingFrequency = 'CONTINUOUS' | 'DAILY';

/** What ListConfigurationRecorders says: enough to describe each recorder with one call. */
export interface RecorderSummary {
  readonly name: string;
  readonly arn?: string;
  /** Set for service-linked recorders (names start with AWSConfigurationRecorderFor). */
  readonly servicePrincipal?: string;
  readonly recordingScope?: string;
}

export interface RecordingGroup {
  readonly strategy: RecordingStrategy;
  readonly allSupported: boolean;
  readonly includeGlobalResourceTypes: boolean;
  /** Types recorded under INCLUSION_BY_RESOURCE_TYPES. */
  readonly resourceTypes: readonly string[];
  /** Types left out under EXCLUSION_BY_RESOURCE_TYPES. */
  readonly excludedResourceTypes: readonly string[];
}

export interface RecordingModeOverride {
  readonly description?: string;
  readonly resourceTypes: readonly string[];
  readonly frequency: RecordingFrequency;
}

export interface RecordingMode {
  readonly frequency: RecordingFrequency;
  readonly overrides: readonly RecordingModeOverride[];
}

/** Upper-cased: real AWS sends SUCCESS/PENDING/FAILURE although the model says Success/Pending/Failure. */
export type RecorderLastStatus = 'SUCCESS' | 'PENDING' | 'FAILURE' | 'NOT_APPLICABLE' | string;

export interface RecorderStatus {
  readonly recording: boolean;
  readonly lastStatus?: RecorderLastStatus;
  readonly lastErrorCode?: string;
  readonly lastErrorMessage?: string;
  /** ISO 8601. */
  readonly lastStatusChangeTime?: string;
  readonly lastStartTime?: string;
  readonly lastStopTime?: string;
}

export interface Recorder extends RecorderSummary {
  readonly roleArn?: string;
  /** Absent when the describe call failed or returned nothing for this recorder. */
  readonly recordingGroup?: RecordingGroup;
  readonly recordingMode?: RecordingMode;
  readonly status?: RecorderStatus;
}

export interface DeliveryChannel {
  readonly name: string;
  readonly s3BucketName?: string;
  readonly snsTopicArn?: string;
  readonly deliveryFrequency?: string;
  /** Of the last configuration history delivery, upper-cased. */
  readonly lastStatus?: string;
  readonly lastErrorCode?: string;
  readonly lastErrorMessage?: string;
  readonly lastSuccessfulTime?: string;
}

export interface ConfigRule {
  readonly name: string;
  readonly arn?: string;
  readonly state?: string;
  readonly owner?: string;
  readonly sourceIdentifier?: string;
  /** Source.Owner=AWS and SourceIdentifier=REQUIRED_TAGS, whatever the user named the rule. */
  readonly isRequiredTags: boolean;
  /** Parsed from InputParameters (tag1Key..tag6Key); empty for other rules. */
  readonly requiredTags: readonly RequiredTag[];
  /** Scope.ComplianceResourceTypes; empty means every type the rule supports. */
  readonly scopeResourceTypes: readonly string[];
  /** Why InputParameters could not be read, when it could not. */
  readonly parameterProblem?: string;
}

/** One NON_COMPLIANT evaluation of a REQUIRED_TAGS rule. */
export interface NonCompliantResource {
  readonly ruleName: string;
  readonly region: string;
  readonly resourceType: string;
  readonly resourceId: string;
  /** Built from type and id where the ARN format is known (S3 buckets have no region in their ARN). */
  readonly arn?: string;
  readonly annotation?: string;
  /**
   * Required keys the resource lacks. `unknown` when Config gave no annotation naming them and no cheap tag
   * read exists for the type: the rule still says the resource is non-compliant.
   */
  readonly missingKeys: readonly string[] | 'unknown';
  /** When Config recorded the result (ISO 8601). */
  readonly lastEvaluated?: string;
}

/** Account ListRegions statuses, plus `UNKNOWN` when the list came from the built-in fallback. */
export type RegionOptStatus = 'ENABLED' | 'ENABLED_BY_DEFAULT' | 'ENABLING' | 'DISABLING' | 'DISABLED' | 'UNKNOWN';

export interface RegionOptIn {
  readonly region: string;
  readonly status: RegionOptStatus;
}

/** A part of a region's scan that failed while the rest succeeded (for example the rules, but not the recorders). */
export type RegionScanPart = 'recorders' | 'delivery-channels' | 'rules' | 'compliance';

export interface RegionPartError extends ScanError {
  readonly part: RegionScanPart;
  /** The rule whose results could not be read, for part `compliance`. */
  readonly ruleName?: string;
}

export interface RegionScan {
  readonly region: string;
  readonly optStatus: RegionOptStatus;
  /** `scanned` even when some parts failed (see `errors`); `failed` when the recorders could not be read. */
  readonly state: 'scanned' | 'disabled' | 'failed' | 'cancelled';
  readonly recorders: readonly Recorder[];
  readonly deliveryChannels: readonly DeliveryChannel[];
  readonly rules: readonly ConfigRule[];
  readonly nonCompliant: readonly NonCompliantResource[];
  readonly errors: readonly RegionPartError[];
  readonly verdict: CoverageVerdict;
}

export interface CallerIdentity {
  readonly accountId: string;
  readonly arn?: string;
}

export interface AggregatorInfo {
  readonly name: string;
  readonly arn?: string;
  /** Where the aggregator lives. */
  readonly region: string;
  readonly organization: boolean;
  readonly allRegions: boolean;
  readonly regions: readonly string[];
  readonly accountIds: readonly string[];
}

export interface AccountScan {
  readonly identity?: CallerIdentity;
  /** The profile name, or undefined for the SDK's default chain. */
  readonly profile?: string;
  /** Set when calls went to a custom endpoint (an emulator), so every output can say it is not AWS. */
  readonly endpoint?: string;
  /** The built-in demo account (the local emulator): outputs say "demo account", not whose credentials. */
  readonly demo?: boolean;
  /**
   * Regions the user declared intentionally unused: a missing recorder there is no problem, and they fold into
   * one line (see region-relevance.ts). A finding there still counts.
   */
  readonly unusedRegions?: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Where the region list came from, and why the fallback was used when it was. */
  readonly regionSource: { readonly kind: 'account-api' | 'built-in' | 'selected'; readonly reason?: string };
  readonly regions: readonly RegionScan[];
  readonly aggregators: readonly AggregatorInfo[];
  /** Account-wide calls that failed without stopping the scan (the identity, the region list, aggregators). */
  readonly accountErrors: readonly ScanError[];
  /** An error that stopped the whole scan (no credentials, expired credentials). Regions are then empty. */
  readonly error?: ScanError;
  readonly cancelled: boolean;
}

/** "demo account", "profile dev" or "default credentials": whose account every surface says it shows. */
export function connectionLabel(scan: Pick<AccountScan, 'demo' | 'profile'>): string {
  if (scan.demo) return 'demo account';
  return scan.profile ? `profile ${scan.profile}` : 'default credentials';
}

export function nonCompliantCount(scan: AccountScan): number {
  return scan.regions.reduce((sum, region) => sum + region.nonCompliant.length, 0);
}

/** The ARN of a resource Config names by type and id, for the types whose ARN format does not need more facts. */
export function resourceArn(resourceType: string, resourceId: string, region: string, accountId: string | undefined): string | undefined {
  if (resourceId.startsWith('arn:')) return resourceId;
  if (resourceType === BUCKET_RESOURCE_TYPE) return bucketArn(resourceId);
  if (!accountId) return undefined;
  const ec2 = EC2_ARN_KINDS[resourceType];
  if (ec2) return `arn:aws:ec2:${region}:${accountId}:${ec2}/${resourceId}`;
  if (resourceType === 'AWS::DynamoDB::Table') return `arn:aws:dynamodb:${region}:${accountId}:table/${resourceId}`;
  return undefined;
}

const EC2_ARN_KINDS: Readonly<Record<string, string>> = {
  'AWS::EC2::Instance': 'instance',
  'AWS::EC2::Volume': 'volume',
  'AWS::EC2::VPC': 'vpc',
  'AWS::EC2::Subnet': 'subnet',
  'AWS::EC2::SecurityGroup': 'security-group',
  'AWS::EC2::NetworkInterface': 'network-interface',
  'AWS::EC2::InternetGateway': 'internet-gateway',
  'AWS::EC2::RouteTable': 'route-table',
  'AWS::EC2::NetworkAcl': 'network-acl',
  'AWS::EC2::CustomerGateway': 'customer-gateway',
  'AWS::EC2::VPNGateway': 'vpn-gateway',
  'AWS::EC2::VPNConnection': 'vpn-connection',
};

/** The AWS console page of a resource, or of the region's Config dashboard when the type has no known page. */
export function consoleUrl(resourceType: string | undefined, resourceId: string | undefined, region: string): string {
  if (resourceType === BUCKET_RESOURCE_TYPE && resourceId) {
    return `https://s3.console.aws.amazon.com/s3/buckets/${encodeURIComponent(resourceId)}?region=${region}`;
  }
  if (resourceType && resourceId) {
    return `https://${region}.console.aws.amazon.com/config/home?region=${region}#/resources/details?resourceId=${encodeURIComponent(resourceId)}&resourceType=${encodeURIComponent(resourceType)}`;
  }
  return `https://${region}.console.aws.amazon.com/config/home?region=${region}#/dashboard`;
}
