import type { ComplianceType, RecordingFrequency, RegionOptStatus, ScenarioRecorder, TagMap } from '../scenario';

/** A resource as it really is (the "live" side), as opposed to what Config recorded about it. */
export interface LiveResource {
  region: string;
  type: string;
  id: string;
  name: string;
  arn: string;
  tags: TagMap;
  createdAt: Date;
  /** Present for S3 buckets only. */
  bucket?: { abac: boolean; legacyEuLocation: boolean };
}

/** One configuration item: Config's recorded state of a resource at capture time. */
export interface ConfigItem {
  resourceType: string;
  resourceId: string;
  resourceName: string;
  arn: string;
  awsRegion: string;
  tags: TagMap;
  captureTime: Date;
  creationTime: Date;
  status: 'ResourceDiscovered' | 'OK';
  frequency: RecordingFrequency;
  stateId: number;
}

export interface Recorder {
  region: string;
  name: string;
  arn: string;
  servicePrincipal?: string;
  roleARN: string;
  recordingGroup: NonNullable<ScenarioRecorder['recordingGroup']>;
  recordingMode: NonNullable<ScenarioRecorder['recordingMode']>;
  status: NonNullable<ScenarioRecorder['status']>;
}

export interface DeliveryChannel {
  name: string;
  s3BucketName: string;
  s3KeyPrefix?: string;
  snsTopicARN?: string;
  deliveryFrequency?: string;
  lastStatus: string;
  lastErrorCode?: string;
  lastErrorMessage?: string;
}

export interface Evaluation {
  resourceType: string;
  resourceId: string;
  complianceType: ComplianceType;
  annotation?: string;
  resultRecordedTime: Date;
  configRuleInvokedTime: Date;
  orderingTimestamp: Date;
}

export interface Rule {
  region: string;
  name: string;
  arn: string;
  id: string;
  description?: string;
  owner: string;
  identifier: string;
  inputParameters?: Record<string, string>;
  complianceResourceTypes?: string[];
  state: string;
  /** Keyed by `${resourceType}|${resourceId}`. */
  evaluations: Map<string, Evaluation>;
}

export interface TrailEvent {
  eventId: string;
  eventName: string;
  eventSource: string;
  eventTime: Date;
  username?: string;
  accessKeyId?: string;
  readOnly: boolean;
  resources: { ResourceType: string; ResourceName: string }[];
  /** The full CloudTrail record; LookupEvents sends it as a JSON string. */
  record: Record<string, unknown>;
}

export interface Aggregator {
  region: string;
  name: string;
  arn: string;
  kind: 'organization' | 'account';
  awsRegions?: string[];
  roleArn?: string;
  createdAt: Date;
}

export interface RegionState {
  name: string;
  optInStatus: RegionOptStatus;
  recorders: Recorder[];
  deliveryChannel?: DeliveryChannel;
  rules: Rule[];
  /** CI history per `${type}|${id}`, oldest first. */
  inventory: Map<string, ConfigItem[]>;
  /** Oldest first; LookupEvents reverses. */
  events: TrailEvent[];
  aggregators: Aggregator[];
}

export function resourceKey(type: string, id: string): string {
  return `${type}|${id}`;
}

/** Stores a rule's result for one resource: Config keeps the latest per resource, stamped when it was recorded. */
export function setEvaluation(
  rule: Rule,
  result: Pick<Evaluation, 'resourceType' | 'resourceId' | 'complianceType' | 'annotation'>,
  recordedAt: Date,
  orderingTimestamp: Date,
): void {
  rule.evaluations.set(resourceKey(result.resourceType, result.resourceId), {
    resourceType: result.resourceType,
    resourceId: result.resourceId,
    complianceType: result.complianceType,
    ...(result.annotation ? { annotation: result.annotation } : {}),
    resultRecordedTime: recordedAt,
    configRuleInvokedTime: recordedAt,
    orderingTimestamp,
  });
}
