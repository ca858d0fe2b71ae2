import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { Scenario } from './scenario';
import { World } from './model/world';
import { setEvaluation, type LiveResource } from './model/types';
import { createBucket } from './services/s3';

/**
 * Builds the emulated account from a scenario: loads what is given, records what Config would already have
 * seen, then replays `bucketCreations` through the CreateBucket path so their events and discovery are modelled.
 */
export function loadScenario(scenario: Scenario, clock: Clock): World {
  const world = new World(scenario, clock);
  const loadTime = clock.now();
  const account = scenario.accountId;
  for (const r of scenario.recorders ?? []) {
    const name = r.name ?? (r.servicePrincipal ? `AWSConfigurationRecorderFor${r.servicePrincipal.split('.')[0]}` : 'default');
    world.region(r.region).recorders.push({
      region: r.region,
      name,
      arn: `arn:aws:config:${r.region}:${account}:configuration-recorder/${name}/${shortHash(r.region + name)}`,
      ...(r.servicePrincipal ? { servicePrincipal: r.servicePrincipal } : {}),
      roleARN: r.roleARN ?? `arn:aws:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      recordingGroup: r.recordingGroup ?? {
        allSupported: true,
        includeGlobalResourceTypes: false,
        recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
      },
      recordingMode: r.recordingMode ?? { recordingFrequency: 'CONTINUOUS' },
      status: r.status ?? { recording: true, lastStatus: 'SUCCESS', lastStartTime: loadTime.toISOString() },
    });
  }
  for (const d of scenario.deliveryChannels ?? []) {
    world.region(d.region).deliveryChannel = {
      name: d.name ?? 'default',
      s3BucketName: d.s3BucketName,
      ...(d.s3KeyPrefix ? { s3KeyPrefix: d.s3KeyPrefix } : {}),
      ...(d.snsTopicARN ? { snsTopicARN: d.snsTopicARN } : {}),
      ...(d.deliveryFrequency ? { deliveryFrequency: d.deliveryFrequency } : {}),
      lastStatus: d.lastStatus ?? 'SUCCESS',
      ...(d.lastErrorCode ? { lastErrorCode: d.lastErrorCode } : {}),
      ...(d.lastErrorMessage ? { lastErrorMessage: d.lastErrorMessage } : {}),
    };
  }
  for (const r of scenario.rules ?? []) {
    const id = `config-rule-${shortHash(r.region + r.name).slice(0, 6)}`;
    const rule = {
      region: r.region,
      name: r.name,
      arn: `arn:aws:config:${r.region}:${account}:config-rule/${id}`,
      id,
      ...(r.description ? { description: r.description } : {}),
      owner: r.source.owner,
      identifier: r.source.identifier,
      ...(r.inputParameters ? { inputParameters: r.inputParameters } : {}),
      ...(r.scope?.complianceResourceTypes ? { complianceResourceTypes: r.scope.complianceResourceTypes } : {}),
      state: r.state ?? 'ACTIVE',
      evaluations: new Map(),
    };
    for (const e of r.evaluations ?? []) setEvaluation(rule, e, loadTime, loadTime);
    world.region(r.region).rules.push(rule);
  }
  const initiallyDiscovered: LiveResource[] = [];
  for (const r of scenario.resources ?? []) {
    const resource: LiveResource = {
      region: r.region,
      type: r.type,
      id: r.id,
      name: r.name ?? r.id,
      arn: r.arn ?? defaultArn(r.type, r.region, account, r.id),
      tags: { ...r.tags },
      createdAt: r.createdAt ? new Date(r.createdAt) : loadTime,
    };
    world.addResource(resource);
    if (r.discovered !== false) initiallyDiscovered.push(resource);
  }
  for (const b of scenario.buckets ?? []) {
    const bucket: LiveResource = {
      region: b.region,
      type: 'AWS::S3::Bucket',
      id: b.name,
      name: b.name,
      arn: `arn:aws:s3:::${b.name}`,
      tags: { ...b.tags },
      createdAt: b.createdAt ? new Date(b.createdAt) : loadTime,
      bucket: { abac: b.abac ?? false, legacyEuLocation: b.legacyEuLocation ?? false },
    };
    world.addResource(bucket);
    if (b.discovered !== false) initiallyDiscovered.push(bucket);
  }
  for (const resource of initiallyDiscovered) world.recordIfCovered(resource, 'load', resource.createdAt);
  for (const e of scenario.events ?? []) {
    world.recordEvent(
      {
        region: e.region,
        eventName: e.eventName,
        eventSource: e.eventSource,
        eventTime: new Date(e.eventTime),
        username: e.username,
        readOnly: e.readOnly ?? false,
        userAgent: e.userAgent ?? 'aws-cli/2.15.0',
        requestParameters: e.requestParameters ?? null,
        resources: (e.resources ?? []).map((r) => ({ ResourceType: r.resourceType, ResourceName: r.resourceName })),
      },
      [],
    );
  }
  for (const a of scenario.aggregators ?? []) {
    world.region(a.region).aggregators.push({
      region: a.region,
      name: a.name,
      arn: `arn:aws:config:${a.region}:${account}:config-aggregator/config-aggregator-${shortHash(a.name).slice(0, 8)}`,
      kind: a.kind,
      ...(a.awsRegions ? { awsRegions: a.awsRegions } : {}),
      ...(a.kind === 'organization' ? { roleArn: a.roleArn ?? `arn:aws:iam::${account}:role/ConfigAggregatorRole` } : {}),
      createdAt: loadTime,
    });
  }
  for (const c of scenario.bucketCreations ?? []) {
    createBucket(world, {
      bucket: c.bucket,
      endpointRegion: c.endpointRegion,
      locationConstraint: c.locationConstraint,
      tags: c.tags,
      userAgent: c.userAgent ?? 'aws-cli/2.15.0 Python/3.11.6',
      username: c.userName,
      eventTime: c.at ? new Date(c.at) : loadTime,
    });
  }
  world.catchUpDailyRecording(loadTime);
  return world;
}

/** `arn:aws:<service>:<region>:<account>:<type>/<id>`, the common ARN form (AWS::EC2::Instance → ec2 instance/). */
export function defaultArn(type: string, region: string, account: string, id: string): string {
  const [, service = '', kind = ''] = type.split('::');
  const resource = kind.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
  return `arn:aws:${service.toLowerCase()}:${region}:${account}:${resource}/${id}`;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
