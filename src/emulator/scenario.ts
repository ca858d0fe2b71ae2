/**
 * The scenario file: the starting state of the emulated account. JSON-compatible on purpose, so a scenario can be
 * written by hand, posted to the control API (`POST /_tagsight/scenario`), or generated in code.
 *
 * What is loaded and what is modelled:
 * - Regions, recorders, delivery channels, rules, live resources, buckets and hand-written CloudTrail events are
 *   LOADED as given.
 * - Config's inventory is MODELLED: a scenario resource starts as discovered (recorded at `createdAt`) when its
 *   region has a recording customer recorder covering its type, unless it says `discovered: false`.
 * - `bucketCreations` are REPLAYED through the emulator's own CreateBucket path at load time, so their CloudTrail
 *   events and their (not yet) discovered state come from the model, exactly as for a CreateBucket over HTTP.
 */
export type RegionOptStatus = 'ENABLED' | 'ENABLED_BY_DEFAULT' | 'ENABLING' | 'DISABLING' | 'DISABLED';
export type RecordingFrequency = 'CONTINUOUS' | 'DAILY';
export type RecordingStrategy = 'ALL_SUPPORTED_RESOURCE_TYPES' | 'INCLUSION_BY_RESOURCE_TYPES' | 'EXCLUSION_BY_RESOURCE_TYPES';
export type ComplianceType = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE';
/** Tags as a plain map; S3 and the Tagging API convert to their own list shapes on the wire. */
export type TagMap = Record<string, string>;

export interface Scenario {
  /** Twelve digits; STS GetCallerIdentity returns it and every ARN carries it. */
  accountId: string;
  description?: string;
  /** The caller STS reports; default `arn:aws:iam::<accountId>:user/tagsight-demo`. */
  callerArn?: string;
  regions: ScenarioRegion[];
  recorders?: ScenarioRecorder[];
  deliveryChannels?: ScenarioDeliveryChannel[];
  rules?: ScenarioRule[];
  /** Live resources other than S3 buckets, each in one region. */
  resources?: ScenarioResource[];
  /** Buckets that exist at load time (no CloudTrail event). */
  buckets?: ScenarioBucket[];
  /** Buckets created at load time through the emulator's CreateBucket path, in order. */
  bucketCreations?: ScenarioBucketCreation[];
  /** Hand-written CloudTrail events (management events of other kinds, older history). */
  events?: ScenarioEvent[];
  aggregators?: ScenarioAggregator[];
  /** The organization the account belongs to; omitted: none (DescribeOrganization says AWSOrganizationsNotInUseException). */
  organization?: ScenarioOrganization;
}

export interface ScenarioOrganization {
  id: string;
  managementAccountId: string;
  /**
   * The account's effective tag policy as the Tagging API's ListRequiredTags reports it: the `report_required_tag_for`
   * keys per resource type. Omitted: no tag policy (an empty list).
   */
  requiredTags?: ScenarioOrganizationRequiredTag[];
  /** False: the caller's IAM policy does not allow `tag:ListRequiredTags`, which answers AccessDeniedException. */
  mayListRequiredTags?: boolean;
}

export interface ScenarioOrganizationRequiredTag {
  /** Organizations tag policy syntax: `s3:bucket`, `ec2:instance`. */
  resourceType: string;
  reportingTagKeys: string[];
  /** Sent as given (`AWS::S3::Bucket`); omitted: the field is left out of the answer, so clients must cope without it. */
  cloudFormationResourceTypes?: string[];
}

export interface ScenarioRegion {
  name: string;
  optInStatus: RegionOptStatus;
}

export interface ScenarioRecorder {
  region: string;
  /** Default `default`; service-linked recorders are named `AWSConfigurationRecorderFor...`. */
  name?: string;
  /** Set for a service-linked recorder (recordingScope INTERNAL); absent for the customer-managed one. */
  servicePrincipal?: string;
  roleARN?: string;
  recordingGroup?: {
    allSupported?: boolean;
    includeGlobalResourceTypes?: boolean;
    resourceTypes?: string[];
    exclusionByResourceTypes?: { resourceTypes: string[] };
    recordingStrategy?: { useOnly: RecordingStrategy };
  };
  recordingMode?: {
    recordingFrequency: RecordingFrequency;
    recordingModeOverrides?: { description?: string; resourceTypes: string[]; recordingFrequency: RecordingFrequency }[];
  };
  status?: {
    recording: boolean;
    /** Upper case, as real AWS returns it (the API model says `Success`). */
    lastStatus: 'SUCCESS' | 'PENDING' | 'FAILURE';
    lastErrorCode?: string;
    lastErrorMessage?: string;
    /** ISO 8601. */
    lastStartTime?: string;
    lastStopTime?: string;
    lastStatusChangeTime?: string;
  };
}

export interface ScenarioDeliveryChannel {
  region: string;
  name?: string;
  s3BucketName: string;
  s3KeyPrefix?: string;
  snsTopicARN?: string;
  deliveryFrequency?: 'One_Hour' | 'Three_Hours' | 'Six_Hours' | 'Twelve_Hours' | 'TwentyFour_Hours';
  /** Upper-case status of the last deliveries; default SUCCESS. */
  lastStatus?: 'SUCCESS' | 'FAILURE' | 'NOT_APPLICABLE';
  lastErrorCode?: string;
  lastErrorMessage?: string;
}

export interface ScenarioRule {
  region: string;
  name: string;
  description?: string;
  /** AWS-managed rules use owner AWS and the identifier (REQUIRED_TAGS is evaluated by the emulator). */
  source: { owner: 'AWS' | 'CUSTOM_LAMBDA' | 'CUSTOM_POLICY'; identifier: string };
  /** Sent on the wire as a JSON string, as AWS does. */
  inputParameters?: Record<string, string>;
  scope?: { complianceResourceTypes?: string[] };
  state?: 'ACTIVE' | 'EVALUATING' | 'DELETING' | 'DELETING_RESULTS';
  /** Fixed results for rules the emulator does not evaluate itself (anything but REQUIRED_TAGS). */
  evaluations?: { resourceType: string; resourceId: string; complianceType: ComplianceType; annotation?: string }[];
}

export interface ScenarioResource {
  region: string;
  /** CloudFormation-style type, e.g. `AWS::EC2::Instance`. */
  type: string;
  id: string;
  name?: string;
  arn?: string;
  tags?: TagMap;
  /** ISO 8601; default: the clock at load time. */
  createdAt?: string;
  /** Default true (when a recorder covers it). False: exists, but Config has not seen it yet. */
  discovered?: boolean;
}

export interface ScenarioBucket {
  name: string;
  region: string;
  tags?: TagMap;
  createdAt?: string;
  discovered?: boolean;
  /** ABAC enabled: PutBucketTagging is refused, S3 Control TagResource must be used. */
  abac?: boolean;
  /** GetBucketLocation answers `EU` instead of `eu-west-1` (legacy buckets). */
  legacyEuLocation?: boolean;
}

export interface ScenarioBucketCreation {
  bucket: string;
  /** The region whose endpoint the request was sent to (and whose CloudTrail records it). */
  endpointRegion: string;
  /** Omitted: no CreateBucketConfiguration.LocationConstraint (us-east-1). */
  locationConstraint?: string;
  tags?: TagMap;
  userAgent?: string;
  userName?: string;
  /** ISO 8601 event time; default: the clock at load time. */
  at?: string;
}

export interface ScenarioEvent {
  region: string;
  eventName: string;
  eventSource: string;
  /** ISO 8601. */
  eventTime: string;
  username?: string;
  readOnly?: boolean;
  userAgent?: string;
  requestParameters?: Record<string, unknown>;
  resources?: { resourceType: string; resourceName: string }[];
}

export interface ScenarioAggregator {
  /** The region the aggregator lives in. */
  region: string;
  name: string;
  kind: 'organization' | 'account';
  /** Source regions; omitted: all regions. */
  awsRegions?: string[];
  roleArn?: string;
}

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** Checks a parsed scenario and says exactly where it is wrong; returns it typed. */
export function validateScenario(input: unknown): Scenario {
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`${path}: ${message}`);
  if (!isObject(input)) throw new ScenarioError('scenario: expected a JSON object');
  if (typeof input.accountId !== 'string' || !/^\d{12}$/.test(input.accountId)) at('accountId', 'expected 12 digits');
  const regionNames = new Set<string>();
  if (!Array.isArray(input.regions) || input.regions.length === 0) {
    at('regions', 'expected a non-empty array');
  } else {
    input.regions.forEach((region: unknown, i: number) => {
      if (!isObject(region) || typeof region.name !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region.name)) {
        at(`regions[${i}].name`, 'expected a region name such as us-east-1');
        return;
      }
      if (!OPT_IN.has(region.optInStatus as string)) at(`regions[${i}].optInStatus`, `expected one of ${[...OPT_IN].join(', ')}`);
      if (regionNames.has(region.name)) at(`regions[${i}].name`, `duplicate region ${region.name}`);
      regionNames.add(region.name);
    });
  }
  const checkRegion = (path: string, value: unknown) => {
    if (typeof value !== 'string' || !regionNames.has(value)) at(path, `unknown region ${JSON.stringify(value)} (not in regions)`);
  };
  const checkArray = (key: string, each: (item: Record<string, unknown>, path: string) => void) => {
    const value = input[key];
    if (value === undefined) return;
    if (!Array.isArray(value)) return at(key, 'expected an array');
    value.forEach((item: unknown, i: number) => (isObject(item) ? each(item, `${key}[${i}]`) : at(`${key}[${i}]`, 'expected an object')));
  };
  const checkTags = (path: string, tags: unknown) => {
    if (tags === undefined) return;
    if (!isObject(tags) || Object.values(tags).some((v) => typeof v !== 'string')) at(path, 'expected an object of string values');
  };
  const checkTime = (path: string, value: unknown) => {
    if (value !== undefined && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) at(path, 'expected an ISO 8601 time');
  };
  checkArray('recorders', (r, p) => {
    checkRegion(`${p}.region`, r.region);
    const mode = r.recordingMode as Record<string, unknown> | undefined;
    if (mode !== undefined) {
      if (mode.recordingFrequency !== 'CONTINUOUS' && mode.recordingFrequency !== 'DAILY')
        at(`${p}.recordingMode.recordingFrequency`, 'expected CONTINUOUS or DAILY');
      if (Array.isArray(mode.recordingModeOverrides) && mode.recordingModeOverrides.length > 1)
        at(`${p}.recordingMode.recordingModeOverrides`, 'at most 1 override');
    }
    const group = r.recordingGroup as { recordingStrategy?: { useOnly?: unknown } } | undefined;
    const strategy = group?.recordingStrategy?.useOnly;
    if (
      strategy !== undefined &&
      !['ALL_SUPPORTED_RESOURCE_TYPES', 'INCLUSION_BY_RESOURCE_TYPES', 'EXCLUSION_BY_RESOURCE_TYPES'].includes(strategy as string)
    ) {
      at(
        `${p}.recordingGroup.recordingStrategy.useOnly`,
        'expected ALL_SUPPORTED_RESOURCE_TYPES, INCLUSION_BY_RESOURCE_TYPES or EXCLUSION_BY_RESOURCE_TYPES',
      );
    }
    const status = r.status as Record<string, unknown> | undefined;
    if (status !== undefined && !['SUCCESS', 'PENDING', 'FAILURE'].includes(status.lastStatus as string))
      at(`${p}.status.lastStatus`, 'expected SUCCESS, PENDING or FAILURE (upper case)');
  });
  const customerRecorders = new Set<string>();
  for (const r of (Array.isArray(input.recorders) ? input.recorders : []) as Record<string, unknown>[]) {
    if (isObject(r) && r.servicePrincipal === undefined) {
      if (customerRecorders.has(r.region as string))
        problems.push(`recorders: more than one customer-managed recorder in ${String(r.region)}`);
      customerRecorders.add(r.region as string);
    }
  }
  checkArray('deliveryChannels', (d, p) => {
    checkRegion(`${p}.region`, d.region);
    if (typeof d.s3BucketName !== 'string') at(`${p}.s3BucketName`, 'expected a string');
  });
  checkArray('rules', (r, p) => {
    checkRegion(`${p}.region`, r.region);
    if (typeof r.name !== 'string' || r.name === '') at(`${p}.name`, 'expected a string');
    const source = r.source as Record<string, unknown> | undefined;
    if (!isObject(source) || typeof source.owner !== 'string' || typeof source.identifier !== 'string')
      at(`${p}.source`, 'expected { owner, identifier }');
    if (r.inputParameters !== undefined) checkTags(`${p}.inputParameters`, r.inputParameters);
  });
  checkArray('resources', (r, p) => {
    checkRegion(`${p}.region`, r.region);
    if (typeof r.type !== 'string' || !/^AWS::\w+::\w+$/.test(r.type)) at(`${p}.type`, 'expected a type such as AWS::EC2::Instance');
    if (typeof r.id !== 'string' || r.id === '') at(`${p}.id`, 'expected a string');
    checkTags(`${p}.tags`, r.tags);
    checkTime(`${p}.createdAt`, r.createdAt);
  });
  const bucketNames = new Set<string>();
  const checkBucketName = (path: string, name: unknown) => {
    if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) return at(path, 'expected a valid bucket name');
    if (bucketNames.has(name)) at(path, `duplicate bucket ${name}`);
    bucketNames.add(name);
  };
  checkArray('buckets', (b, p) => {
    checkBucketName(`${p}.name`, b.name);
    checkRegion(`${p}.region`, b.region);
    checkTags(`${p}.tags`, b.tags);
    checkTime(`${p}.createdAt`, b.createdAt);
  });
  checkArray('bucketCreations', (b, p) => {
    checkBucketName(`${p}.bucket`, b.bucket);
    checkRegion(`${p}.endpointRegion`, b.endpointRegion);
    if (b.locationConstraint !== undefined && typeof b.locationConstraint !== 'string') at(`${p}.locationConstraint`, 'expected a string');
    checkTags(`${p}.tags`, b.tags);
    checkTime(`${p}.at`, b.at);
  });
  checkArray('events', (e, p) => {
    checkRegion(`${p}.region`, e.region);
    if (typeof e.eventName !== 'string') at(`${p}.eventName`, 'expected a string');
    if (typeof e.eventSource !== 'string') at(`${p}.eventSource`, 'expected a string');
    if (e.eventTime === undefined) at(`${p}.eventTime`, 'required');
    checkTime(`${p}.eventTime`, e.eventTime);
  });
  checkArray('aggregators', (a, p) => {
    checkRegion(`${p}.region`, a.region);
    if (typeof a.name !== 'string') at(`${p}.name`, 'expected a string');
    if (a.kind !== 'organization' && a.kind !== 'account') at(`${p}.kind`, 'expected organization or account');
    if (a.awsRegions !== undefined) {
      if (!Array.isArray(a.awsRegions)) at(`${p}.awsRegions`, 'expected an array');
      else a.awsRegions.forEach((r: unknown, i: number) => checkRegion(`${p}.awsRegions[${i}]`, r));
    }
  });
  if (input.organization !== undefined) {
    const org = input.organization as Record<string, unknown>;
    if (!isObject(org) || typeof org.id !== 'string' || !/^o-[a-z0-9]{10,32}$/.test(org.id))
      at('organization.id', 'expected an organization id such as o-a1b2c3d4e5');
    else if (typeof org.managementAccountId !== 'string' || !/^\d{12}$/.test(org.managementAccountId))
      at('organization.managementAccountId', 'expected 12 digits');
    if (isObject(org)) checkOrganizationRequiredTags(org, at);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).join('\n  ');
    const more = problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : '';
    throw new ScenarioError(`invalid scenario:\n  ${shown}${more}`);
  }
  return input as unknown as Scenario;
}

function checkOrganizationRequiredTags(org: Record<string, unknown>, at: (path: string, message: string) => void): void {
  if (org.mayListRequiredTags !== undefined && typeof org.mayListRequiredTags !== 'boolean')
    at('organization.mayListRequiredTags', 'expected true or false');
  if (org.requiredTags === undefined) return;
  if (!Array.isArray(org.requiredTags)) return at('organization.requiredTags', 'expected an array');
  const isStringList = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '');
  org.requiredTags.forEach((entry: unknown, i: number) => {
    const path = `organization.requiredTags[${i}]`;
    if (!isObject(entry)) return at(path, 'expected an object');
    if (typeof entry.resourceType !== 'string' || !/^[a-z0-9-]+:[A-Za-z0-9_*-]+$/.test(entry.resourceType))
      at(`${path}.resourceType`, 'expected a tag policy type such as s3:bucket');
    if (!isStringList(entry.reportingTagKeys) || (entry.reportingTagKeys as unknown[]).length === 0)
      at(`${path}.reportingTagKeys`, 'expected a non-empty array of tag keys');
    if (entry.cloudFormationResourceTypes !== undefined && !isStringList(entry.cloudFormationResourceTypes)) {
      at(`${path}.cloudFormationResourceTypes`, 'expected an array of types such as AWS::S3::Bucket');
    }
  });
}

const OPT_IN = new Set<string>(['ENABLED', 'ENABLED_BY_DEFAULT', 'ENABLING', 'DISABLING', 'DISABLED']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
