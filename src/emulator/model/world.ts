import type { Clock } from '../../core/clock';
import type { RecordingFrequency, Scenario, ScenarioOrganization, TagMap } from '../scenario';
import { evaluateRequiredTags, requiredTagsApplies } from './required-tags';
import {
  resourceKey,
  setEvaluation,
  type Aggregator,
  type ConfigItem,
  type LiveResource,
  type Recorder,
  type RegionState,
  type Rule,
  type TrailEvent,
} from './types';

const DAY_MS = 24 * 3600_000;

/** IAM types that `includeGlobalResourceTypes` bundles; ALL_SUPPORTED leaves them out otherwise. */
const GLOBAL_IAM_TYPES = new Set(['AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::Role', 'AWS::IAM::Policy']);

export interface NewEvent {
  region: string;
  eventName: string;
  eventSource: string;
  eventTime: Date;
  username?: string;
  accessKeyId?: string;
  readOnly: boolean;
  userAgent: string;
  requestParameters: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  /** A failed call is logged too, with the error it got. */
  errorCode?: string;
  errorMessage?: string;
  resources: { ResourceType: string; ResourceName: string }[];
}

/**
 * The emulated account: live resources, Config's recorded inventory per region, rule evaluations and CloudTrail.
 *
 * Config discovery is modelled on the incident's explanation: a recorder sees a change only through an event
 * recorded in its own region (`recordEvent` for a resource whose home region is the event's region), or at the
 * periodic sweep (`sweep`). Each (re)recording re-evaluates the region's REQUIRED_TAGS rules, as Config's
 * change-triggered evaluation does.
 */
export class World {
  readonly accountId: string;
  readonly callerArn: string;
  readonly organization?: ScenarioOrganization;
  readonly regions = new Map<string, RegionState>();
  /** Every live resource by ARN, buckets included. */
  readonly resources = new Map<string, LiveResource>();
  readonly buckets = new Map<string, LiveResource>();
  private sequence = 0;
  /** Last StartConfigRulesEvaluation per region and rule set, in clock milliseconds. */
  readonly ruleEvaluationStarts = new Map<string, number>();

  constructor(
    scenario: Scenario,
    readonly clock: Clock,
  ) {
    this.accountId = scenario.accountId;
    this.callerArn = scenario.callerArn ?? `arn:aws:iam::${scenario.accountId}:user/tagsight-demo`;
    if (scenario.organization) this.organization = { ...scenario.organization };
    for (const region of scenario.regions) {
      this.regions.set(region.name, {
        name: region.name,
        optInStatus: region.optInStatus,
        recorders: [],
        rules: [],
        inventory: new Map(),
        events: [],
        aggregators: [],
      });
    }
  }

  now(): Date {
    return this.clock.now();
  }

  nextId(): number {
    return ++this.sequence;
  }

  /** A deterministic UUID-shaped id, so runs are reproducible. */
  nextUuid(): string {
    const n = this.nextId().toString(16).padStart(12, '0');
    return `7a9e0c1d-0000-4000-8000-${n}`;
  }

  region(name: string): RegionState {
    const state = this.regions.get(name);
    if (!state) throw new Error(`unknown region ${name}`);
    return state;
  }

  customerRecorder(region: string): Recorder | undefined {
    return this.regions.get(region)?.recorders.find((r) => r.servicePrincipal === undefined);
  }

  /** The recording frequency a recorder applies to a type, or undefined when the type is not recorded. */
  recordingFrequency(recorder: Recorder, type: string): RecordingFrequency | undefined {
    const group = recorder.recordingGroup;
    const strategy =
      group.recordingStrategy?.useOnly ?? (group.allSupported === false ? 'INCLUSION_BY_RESOURCE_TYPES' : 'ALL_SUPPORTED_RESOURCE_TYPES');
    let covered: boolean;
    if (strategy === 'INCLUSION_BY_RESOURCE_TYPES') covered = (group.resourceTypes ?? []).includes(type);
    else if (strategy === 'EXCLUSION_BY_RESOURCE_TYPES') covered = !(group.exclusionByResourceTypes?.resourceTypes ?? []).includes(type);
    else covered = !GLOBAL_IAM_TYPES.has(type) || group.includeGlobalResourceTypes === true;
    if (!covered) return undefined;
    const override = recorder.recordingMode.recordingModeOverrides?.find((o) => o.resourceTypes.includes(type));
    return override?.recordingFrequency ?? recorder.recordingMode.recordingFrequency;
  }

  addResource(resource: LiveResource): void {
    this.resources.set(resource.arn, resource);
    if (resource.bucket) this.buckets.set(resource.id, resource);
  }

  resourcesIn(region: string): LiveResource[] {
    return [...this.resources.values()].filter((r) => r.region === region);
  }

  latestItem(region: string, type: string, id: string): ConfigItem | undefined {
    const history = this.regions.get(region)?.inventory.get(resourceKey(type, id));
    return history?.[history.length - 1];
  }

  /**
   * Records a CloudTrail event in the region the request was sent to, then lets that region's recorder react to
   * it: resources named by the event whose home region is that region are (re)recorded when recorded continuously.
   */
  recordEvent(event: NewEvent, affectedArns: string[]): TrailEvent {
    const eventId = this.nextUuid();
    const userName = event.username ?? this.callerArn.split('/').pop();
    const arn = event.username ? `arn:aws:iam::${this.accountId}:user/${event.username}` : this.callerArn;
    const record: Record<string, unknown> = {
      eventVersion: '1.10',
      userIdentity: {
        type: 'IAMUser',
        principalId: 'AIDAEMULATOR0000000001',
        arn,
        accountId: this.accountId,
        ...(event.accessKeyId ? { accessKeyId: event.accessKeyId } : {}),
        userName,
      },
      eventTime: event.eventTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      eventSource: event.eventSource,
      eventName: event.eventName,
      awsRegion: event.region,
      sourceIPAddress: '127.0.0.1',
      userAgent: event.userAgent,
      ...(event.errorCode ? { errorCode: event.errorCode, errorMessage: event.errorMessage ?? '' } : {}),
      requestParameters: event.requestParameters,
      responseElements: event.responseElements ?? null,
      requestID: this.nextUuid(),
      eventID: eventId,
      readOnly: event.readOnly,
      resources: event.resources.map((r) => ({ type: r.ResourceType, ARN: r.ResourceName })),
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: this.accountId,
      eventCategory: 'Management',
    };
    const trailEvent: TrailEvent = {
      eventId,
      eventName: event.eventName,
      eventSource: event.eventSource,
      eventTime: event.eventTime,
      username: userName,
      accessKeyId: event.accessKeyId,
      readOnly: event.readOnly,
      resources: event.resources,
      record,
    };
    this.region(event.region).events.push(trailEvent);
    for (const arn of affectedArns) {
      const resource = this.resources.get(arn);
      if (resource && resource.region === event.region) this.recordIfCovered(resource, 'event', event.eventTime);
    }
    return trailEvent;
  }

  /** The periodic sweep: every recording customer recorder re-reads every live resource of its region. */
  sweep(region?: string): { recorded: number } {
    let recorded = 0;
    const regions = region ? [this.region(region)] : [...this.regions.values()];
    const at = this.now();
    for (const state of regions) {
      for (const resource of this.resourcesIn(state.name)) {
        if (this.recordIfCovered(resource, 'sweep', at)) recorded++;
      }
    }
    return { recorded };
  }

  /**
   * At load time, resources that a DAILY recorder covers and that are older than a day have been captured by
   * their daily recording already (at most 24 h after creation).
   */
  catchUpDailyRecording(at: Date): void {
    for (const resource of this.resources.values()) {
      const recorder = this.customerRecorder(resource.region);
      if (!recorder || this.recordingFrequency(recorder, resource.type) !== 'DAILY') continue;
      const capturedBy = resource.createdAt.getTime() + DAY_MS;
      if (capturedBy <= at.getTime()) this.recordIfCovered(resource, 'sweep', new Date(capturedBy));
    }
  }

  /**
   * Records a new CI when a recording customer recorder covers the resource and the recorded state differs
   * (or nothing is recorded yet). Event-triggered recording only applies to CONTINUOUS types; DAILY types wait
   * for the sweep. Returns whether a CI was written.
   */
  recordIfCovered(resource: LiveResource, cause: 'event' | 'sweep' | 'load', at: Date): boolean {
    const recorder = this.customerRecorder(resource.region);
    if (!recorder || !recorder.status.recording) return false;
    const frequency = this.recordingFrequency(recorder, resource.type);
    if (!frequency) return false;
    if (cause === 'event' && frequency === 'DAILY') return false;
    const state = this.region(resource.region);
    const key = resourceKey(resource.type, resource.id);
    const history = state.inventory.get(key) ?? [];
    const last = history[history.length - 1];
    if (last && sameTags(last.tags, resource.tags)) return false;
    const item: ConfigItem = {
      resourceType: resource.type,
      resourceId: resource.id,
      resourceName: resource.name,
      arn: resource.arn,
      awsRegion: resource.region,
      tags: { ...resource.tags },
      captureTime: at,
      creationTime: resource.createdAt,
      status: last ? 'OK' : 'ResourceDiscovered',
      frequency,
      stateId: this.nextId(),
    };
    history.push(item);
    state.inventory.set(key, history);
    for (const rule of state.rules) this.evaluateItem(rule, item, at);
    return true;
  }

  /** Evaluates one recorded item against a rule the emulator can evaluate (REQUIRED_TAGS). */
  evaluateItem(rule: Rule, item: ConfigItem, at: Date): void {
    if (rule.owner !== 'AWS' || rule.identifier !== 'REQUIRED_TAGS') return;
    if (!requiredTagsApplies(item.resourceType, rule.complianceResourceTypes)) return;
    const result = evaluateRequiredTags(item.tags, rule.inputParameters ?? {});
    setEvaluation(rule, { resourceType: item.resourceType, resourceId: item.resourceId, ...result }, at, item.captureTime);
  }

  /** Re-runs a rule against the last recorded state (StartConfigRulesEvaluation never re-records). */
  reevaluate(rule: Rule, at: Date): void {
    const state = this.region(rule.region);
    for (const history of state.inventory.values()) {
      const item = history[history.length - 1];
      if (item) this.evaluateItem(rule, item, at);
    }
    for (const evaluation of rule.evaluations.values()) evaluation.configRuleInvokedTime = at;
  }

  aggregator(region: string, name: string): Aggregator | undefined {
    return this.regions.get(region)?.aggregators.find((a) => a.name === name);
  }

  /** Enabled source regions of an aggregator, in scenario order. */
  aggregatorSources(aggregator: Aggregator): RegionState[] {
    return [...this.regions.values()].filter(
      (r) => r.optInStatus !== 'DISABLED' && (!aggregator.awsRegions || aggregator.awsRegions.includes(r.name)),
    );
  }
}

export function sameTags(a: TagMap, b: TagMap): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}
