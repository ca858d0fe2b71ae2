import type { World } from '../../model/world';
import { resourceKey, type Evaluation, type Recorder, type RegionState, type Rule } from '../../model/types';
import { epochSeconds, page } from '../../protocol/pagination';
import { ServiceError, type EmulatorRequest, type EmulatorResponse } from '../../protocol/request';
import { jsonOk } from '../../protocol/respond';
import { parseJsonBody } from '../json-body';
import { AGGREGATE_HANDLERS } from './aggregators';
import { evaluationShape, findRule, limitOf, ruleCompliance, sortedEvaluations, summarise, type Handler, type Input } from './shapes';

/** AWS Config over JSON 1.1 (`StarlingDoveService.<Operation>`). Member casing follows the real API, mixed as it is. */
export function handleConfig(world: World, request: EmulatorRequest): EmulatorResponse {
  const handler = HANDLERS[request.operation];
  if (!handler) throw new ServiceError('UnknownOperationException', `Unknown operation ${request.operation}`);
  return jsonOk(handler(world, world.region(request.region), parseJsonBody(request.body)));
}

const HANDLERS: Record<string, Handler> = {
  ...AGGREGATE_HANDLERS,
  ListConfigurationRecorders(world, region, input) {
    const filters = (input.Filters as { filterName?: string; filterValue?: string[] }[] | undefined) ?? [];
    const scopes = filters.find((f) => f.filterName === 'recordingScope')?.filterValue;
    const summaries = region.recorders
      .filter((r) => !scopes || scopes.includes(recordingScope(r)))
      .map((r) => ({
        arn: r.arn,
        name: r.name,
        ...(r.servicePrincipal ? { servicePrincipal: r.servicePrincipal } : {}),
        recordingScope: recordingScope(r),
      }));
    const result = page(summaries, `lcr:${region.name}`, input.NextToken, limitOf(input.MaxResults, 20, 20));
    return { ConfigurationRecorderSummaries: result.items, ...(result.next ? { NextToken: result.next } : {}) };
  },
  DescribeConfigurationRecorders(_world, region, input) {
    return { ConfigurationRecorders: selectRecorders(region, input).map(recorderShape) };
  },
  DescribeConfigurationRecorderStatus(_world, region, input) {
    return {
      ConfigurationRecordersStatus: selectRecorders(region, input).map((r) => ({
        arn: r.arn,
        name: r.name,
        ...(r.servicePrincipal ? { servicePrincipal: r.servicePrincipal } : {}),
        recording: r.status.recording,
        lastStatus: r.status.lastStatus,
        ...(r.status.lastErrorCode ? { lastErrorCode: r.status.lastErrorCode } : {}),
        ...(r.status.lastErrorMessage ? { lastErrorMessage: r.status.lastErrorMessage } : {}),
        ...timeField('lastStartTime', r.status.lastStartTime),
        ...timeField('lastStopTime', r.status.lastStopTime),
        ...timeField('lastStatusChangeTime', r.status.lastStatusChangeTime ?? r.status.lastStartTime),
      })),
    };
  },
  DescribeDeliveryChannels(_world, region, input) {
    return {
      DeliveryChannels: selectChannel(region, input).map((c) => ({
        name: c.name,
        s3BucketName: c.s3BucketName,
        ...(c.s3KeyPrefix ? { s3KeyPrefix: c.s3KeyPrefix } : {}),
        ...(c.snsTopicARN ? { snsTopicARN: c.snsTopicARN } : {}),
        ...(c.deliveryFrequency ? { configSnapshotDeliveryProperties: { deliveryFrequency: c.deliveryFrequency } } : {}),
      })),
    };
  },
  DescribeDeliveryChannelStatus(world, region, input) {
    const now = epochSeconds(world.now());
    return {
      DeliveryChannelsStatus: selectChannel(region, input).map((c) => {
        const info = {
          lastStatus: c.lastStatus,
          ...(c.lastErrorCode ? { lastErrorCode: c.lastErrorCode } : {}),
          ...(c.lastErrorMessage ? { lastErrorMessage: c.lastErrorMessage } : {}),
          lastAttemptTime: now - 600,
          ...(c.lastStatus === 'SUCCESS' ? { lastSuccessfulTime: now - 600 } : {}),
        };
        return {
          name: c.name,
          configSnapshotDeliveryInfo: info,
          configHistoryDeliveryInfo: info,
          configStreamDeliveryInfo: { lastStatus: c.lastStatus, lastStatusChangeTime: now - 600 },
        };
      }),
    };
  },
  DescribeConfigRules(_world, region, input) {
    const rules = selectRules(region, input.ConfigRuleNames);
    const result = page(rules, `dcr:${region.name}`, input.NextToken, 25);
    return { ConfigRules: result.items.map(ruleShape), ...(result.next ? { NextToken: result.next } : {}) };
  },
  DescribeComplianceByConfigRule(_world, region, input) {
    const types = input.ComplianceTypes as string[] | undefined;
    const all = selectRules(region, input.ConfigRuleNames)
      .map((rule) => ({ ConfigRuleName: rule.name, Compliance: ruleCompliance(rule) }))
      .filter((c) => !types || types.length === 0 || types.includes(c.Compliance.ComplianceType));
    const result = page(all, `dcbcr:${region.name}`, input.NextToken, 25);
    return { ComplianceByConfigRules: result.items, ...(result.next ? { NextToken: result.next } : {}) };
  },
  GetComplianceDetailsByConfigRule(_world, region, input) {
    const rule = findRule(region, input.ConfigRuleName);
    const types = complianceFilter(input.ComplianceTypes as string[] | undefined);
    const limit = limitOf(input.Limit, 10, 100, 'InvalidParameterValueException');
    const evaluations = sortedEvaluations(rule).filter((e) => types.includes(e.complianceType));
    const result = page(evaluations, `gcdbcr:${region.name}:${rule.name}:${types.join(',')}`, input.NextToken, limit);
    return { EvaluationResults: result.items.map((e) => evaluationShape(rule, e)), ...(result.next ? { NextToken: result.next } : {}) };
  },
  DescribeComplianceByResource(_world, region, input) {
    const byResource = new Map<string, { type: string; id: string; results: Evaluation[] }>();
    for (const rule of region.rules) {
      for (const evaluation of rule.evaluations.values()) {
        if (input.ResourceType && evaluation.resourceType !== input.ResourceType) continue;
        if (input.ResourceId && evaluation.resourceId !== input.ResourceId) continue;
        const key = resourceKey(evaluation.resourceType, evaluation.resourceId);
        const entry = byResource.get(key) ?? { type: evaluation.resourceType, id: evaluation.resourceId, results: [] };
        entry.results.push(evaluation);
        byResource.set(key, entry);
      }
    }
    const types = input.ComplianceTypes as string[] | undefined;
    const all = [...byResource.values()]
      .map((e) => ({ ResourceType: e.type, ResourceId: e.id, Compliance: summarise(e.results) }))
      .filter((c) => !types || types.length === 0 || types.includes(c.Compliance.ComplianceType));
    const result = page(all, `dcbr:${region.name}`, input.NextToken, limitOf(input.Limit, 10, 100, 'InvalidParameterValueException'));
    return { ComplianceByResources: result.items, ...(result.next ? { NextToken: result.next } : {}) };
  },
  ListDiscoveredResources(_world, region, input) {
    requireCustomerRecorder(region);
    if (typeof input.resourceType !== 'string') throw new ServiceError('ValidationException', 'resourceType is required');
    const limit = limitOf(input.limit, 100, 100, 'InvalidLimitException');
    const ids = input.resourceIds as string[] | undefined;
    const identifiers = [...region.inventory.values()]
      .map((history) => history[history.length - 1]!)
      .filter((item) => item.resourceType === input.resourceType)
      .filter((item) => !ids || ids.includes(item.resourceId))
      .filter((item) => !input.resourceName || item.resourceName === input.resourceName)
      .sort((a, b) => a.resourceId.localeCompare(b.resourceId))
      .map((item) => ({ resourceType: item.resourceType, resourceId: item.resourceId, resourceName: item.resourceName }));
    const result = page(identifiers, `ldr:${region.name}:${String(input.resourceType)}`, input.nextToken, limit);
    return { resourceIdentifiers: result.items, ...(result.next ? { nextToken: result.next } : {}) };
  },
  GetResourceConfigHistory(world, region, input) {
    requireCustomerRecorder(region);
    const history = region.inventory.get(resourceKey(String(input.resourceType), String(input.resourceId)));
    if (!history || history.length === 0) {
      throw new ServiceError(
        'ResourceNotDiscoveredException',
        `Resource ${String(input.resourceId)} of resourceType:${String(input.resourceType)} is unknown or has not been discovered`,
      );
    }
    const ordered = input.chronologicalOrder === 'Forward' ? [...history] : [...history].reverse();
    const result = page(
      ordered,
      `grch:${region.name}:${String(input.resourceId)}`,
      input.nextToken,
      limitOf(input.limit, 10, 100, 'InvalidLimitException'),
    );
    return {
      configurationItems: result.items.map((item) => ({
        version: '1.3',
        accountId: world.accountId,
        configurationItemCaptureTime: epochSeconds(item.captureTime),
        configurationItemStatus: item.status,
        configurationStateId: String(item.stateId),
        arn: item.arn,
        resourceType: item.resourceType,
        resourceId: item.resourceId,
        resourceName: item.resourceName,
        awsRegion: item.awsRegion,
        availabilityZone: 'Regional',
        resourceCreationTime: epochSeconds(item.creationTime),
        tags: item.tags,
        relatedEvents: [],
        relationships: [],
        configuration: JSON.stringify({ name: item.resourceName }),
        supplementaryConfiguration:
          item.resourceType === 'AWS::S3::Bucket' ? { TaggingConfiguration: JSON.stringify({ tagSets: [{ tags: item.tags }] }) } : {},
        ...(item.frequency === 'DAILY' ? { recordingFrequency: 'DAILY' } : {}),
        configurationItemDeliveryTime: epochSeconds(item.captureTime),
      })),
      ...(result.next ? { nextToken: result.next } : {}),
    };
  },
  StartConfigRulesEvaluation(world, region, input) {
    const names = input.ConfigRuleNames as string[] | undefined;
    if (!names || names.length === 0 || names.length > 25)
      throw new ServiceError('InvalidParameterValueException', 'ConfigRuleNames must name 1 to 25 rules');
    const rules = names.map((name) => findRule(region, name));
    const key = `${region.name}:${[...names].sort().join(',')}`;
    const now = world.now().getTime();
    const last = world.ruleEvaluationStarts.get(key);
    if (last !== undefined && now - last < 60_000) {
      throw new ServiceError(
        'LimitExceededException',
        'You have exceeded the limit for StartConfigRulesEvaluation: one call per minute for the same rules.',
      );
    }
    world.ruleEvaluationStarts.set(key, now);
    for (const rule of rules) world.reevaluate(rule, world.now());
    return {};
  },
};

function recordingScope(recorder: Recorder): 'INTERNAL' | 'PAID' {
  return recorder.servicePrincipal ? 'INTERNAL' : 'PAID';
}

/** No selector: only the customer-managed recorder (service-linked ones need ServicePrincipal or Arn). */
function selectRecorders(region: RegionState, input: Input): Recorder[] {
  const names = input.ConfigurationRecorderNames as string[] | undefined;
  if (names && names.length > 1) throw new ServiceError('ValidationException', 'You can specify only one configuration recorder name');
  let selected: Recorder | undefined;
  if (names && names.length === 1) selected = region.recorders.find((r) => r.name === names[0]);
  else if (typeof input.Arn === 'string') selected = region.recorders.find((r) => r.arn === input.Arn);
  else if (typeof input.ServicePrincipal === 'string')
    selected = region.recorders.find((r) => r.servicePrincipal === input.ServicePrincipal);
  else return region.recorders.filter((r) => r.servicePrincipal === undefined);
  if (!selected) {
    const which = names?.[0] ?? (input.Arn as string | undefined) ?? (input.ServicePrincipal as string);
    throw new ServiceError('NoSuchConfigurationRecorderException', `Cannot find configuration recorder ${which}`);
  }
  return [selected];
}

function recorderShape(r: Recorder): Record<string, unknown> {
  const group = r.recordingGroup;
  const strategy =
    group.recordingStrategy?.useOnly ?? (group.allSupported === false ? 'INCLUSION_BY_RESOURCE_TYPES' : 'ALL_SUPPORTED_RESOURCE_TYPES');
  return {
    arn: r.arn,
    name: r.name,
    roleARN: r.roleARN,
    recordingGroup: {
      allSupported: strategy === 'ALL_SUPPORTED_RESOURCE_TYPES',
      includeGlobalResourceTypes: group.includeGlobalResourceTypes ?? false,
      resourceTypes: group.resourceTypes ?? [],
      exclusionByResourceTypes: { resourceTypes: group.exclusionByResourceTypes?.resourceTypes ?? [] },
      recordingStrategy: { useOnly: strategy },
    },
    recordingMode: {
      recordingFrequency: r.recordingMode.recordingFrequency,
      recordingModeOverrides: r.recordingMode.recordingModeOverrides ?? [],
    },
    recordingScope: recordingScope(r),
    ...(r.servicePrincipal ? { servicePrincipal: r.servicePrincipal } : {}),
  };
}

function selectChannel(region: RegionState, input: Input) {
  const names = input.DeliveryChannelNames as string[] | undefined;
  const channel = region.deliveryChannel;
  for (const name of names ?? []) {
    if (channel?.name !== name)
      throw new ServiceError('NoSuchDeliveryChannelException', `Cannot find delivery channel with specified name '${name}'.`);
  }
  return channel ? [channel] : [];
}

function selectRules(region: RegionState, names: unknown): Rule[] {
  const list = names as string[] | undefined;
  if (!list || list.length === 0) return region.rules;
  return list.map((name) => findRule(region, name));
}

function requireCustomerRecorder(region: RegionState): void {
  if (!region.recorders.some((r) => r.servicePrincipal === undefined)) {
    throw new ServiceError(
      'NoAvailableConfigurationRecorderException',
      'There are no customer managed configuration recorders available to record your resources. Create a configuration recorder.',
    );
  }
}

function ruleShape(rule: Rule): Record<string, unknown> {
  return {
    ConfigRuleName: rule.name,
    ConfigRuleArn: rule.arn,
    ConfigRuleId: rule.id,
    ...(rule.description ? { Description: rule.description } : {}),
    Scope: rule.complianceResourceTypes ? { ComplianceResourceTypes: rule.complianceResourceTypes } : {},
    Source: {
      Owner: rule.owner,
      SourceIdentifier: rule.identifier,
      ...(rule.owner === 'AWS'
        ? {}
        : { SourceDetails: [{ EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' }] }),
    },
    ...(rule.inputParameters ? { InputParameters: JSON.stringify(rule.inputParameters) } : {}),
    ConfigRuleState: rule.state,
    EvaluationModes: [{ Mode: 'DETECTIVE' }],
  };
}

function complianceFilter(types: string[] | undefined): string[] {
  if (types?.includes('INSUFFICIENT_DATA'))
    throw new ServiceError('InvalidParameterValueException', 'INSUFFICIENT_DATA is not a valid ComplianceType filter');
  return types && types.length > 0 ? types : ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'];
}

function timeField(name: string, iso: string | undefined): Record<string, number> {
  return iso ? { [name]: Date.parse(iso) / 1000 } : {};
}
