import { paginateListRegions } from '@aws-sdk/client-account';
import {
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  DescribeDeliveryChannelStatusCommand,
  paginateDescribeConfigRules,
  paginateDescribeConfigurationAggregators,
  paginateGetAggregateComplianceDetailsByConfigRule,
  paginateGetComplianceDetailsByConfigRule,
  paginateListConfigurationRecorders,
  type ConfigurationAggregator,
  type ConfigurationRecorder,
  type ConfigurationRecorderStatus,
  type ConfigurationRecorderSummary,
  type ConfigRule as SdkConfigRule,
  type DeliveryChannel as SdkDeliveryChannel,
  type DeliveryChannelStatus as SdkDeliveryChannelStatus,
  type EvaluationResult as SdkEvaluationResult,
} from '@aws-sdk/client-config-service';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { RawConfigRule } from '../core/account-rules';
import type {
  AggregatorInfo,
  DeliveryChannel,
  Recorder,
  RecorderStatus,
  RecorderSummary,
  RecordingStrategy,
  RegionOptIn,
  RegionOptStatus,
} from '../core/account-model';
import type { DeliveryChannelStatus, EvaluationResult, RegionConfigPort, ScanPorts, TagReader } from '../core/account-scan/ports';
import type { AwsClientFactory } from './clients';
import { classifyAwsError } from './errors';

/**
 * The account scan's ports over real SDK v3 clients. Each method is one call (each page of an iterable one
 * call), every call carries the scan's AbortSignal, and SDK shapes become core types here and nowhere else.
 */
export async function createScanPorts(factory: AwsClientFactory, options: { readTags?: TagReader } = {}): Promise<ScanPorts> {
  const homeRegion = await factory.homeRegion();
  return {
    homeRegion,
    async identity(signal) {
      const answer = await factory.sts(homeRegion).send(new GetCallerIdentityCommand({}), { abortSignal: signal });
      return { accountId: answer.Account ?? 'unknown', arn: answer.Arn };
    },
    listRegions(signal) {
      const pages = paginateListRegions(
        { client: factory.account(homeRegion), pageSize: 50, stopOnSameToken: true },
        {},
        { abortSignal: signal },
      );
      return mapPages(pages, (page) =>
        (page.Regions ?? []).flatMap((entry): RegionOptIn[] =>
          entry.RegionName ? [{ region: entry.RegionName, status: (entry.RegionOptStatus ?? 'UNKNOWN') as RegionOptStatus }] : [],
        ),
      );
    },
    describeAggregators(signal) {
      const pages = paginateDescribeConfigurationAggregators(
        { client: factory.config(homeRegion), stopOnSameToken: true },
        {},
        { abortSignal: signal },
      );
      return mapPages(pages, (page) => (page.ConfigurationAggregators ?? []).map(toAggregator));
    },
    region: (region) => regionPort(factory, region),
    aggregateNonCompliantResults(aggregator, ruleName, accountId, region, signal) {
      const pages = paginateGetAggregateComplianceDetailsByConfigRule(
        { client: factory.config(homeRegion), pageSize: 100, stopOnSameToken: true },
        {
          ConfigurationAggregatorName: aggregator,
          ConfigRuleName: ruleName,
          AccountId: accountId,
          AwsRegion: region,
          ComplianceType: 'NON_COMPLIANT',
        },
        { abortSignal: signal },
      );
      // Empty pages with a token are normal for aggregators: the paginator keeps going while a token comes back.
      return mapPages(pages, (page) => (page.AggregateEvaluationResults ?? []).flatMap(toEvaluationResult));
    },
    classify: classifyAwsError,
    ...(options.readTags ? { readTags: options.readTags } : {}),
  };
}

function regionPort(factory: AwsClientFactory, region: string): RegionConfigPort {
  const client = factory.config(region);
  // One recorder per call: the API accepts one name, or the service principal of a service-linked recorder.
  const selector = (summary: RecorderSummary) =>
    summary.servicePrincipal ? { ServicePrincipal: summary.servicePrincipal } : { ConfigurationRecorderNames: [summary.name] };
  return {
    listRecorders(signal) {
      const pages = paginateListConfigurationRecorders({ client, pageSize: 20, stopOnSameToken: true }, {}, { abortSignal: signal });
      return mapPages(pages, (page) => (page.ConfigurationRecorderSummaries ?? []).map(toSummary));
    },
    async describeRecorder(summary, signal) {
      const answer = await client.send(new DescribeConfigurationRecordersCommand(selector(summary)), { abortSignal: signal });
      const recorder = answer.ConfigurationRecorders?.[0];
      return recorder ? toRecorder(recorder, summary) : undefined;
    },
    async describeRecorderStatus(summary, signal) {
      const answer = await client.send(new DescribeConfigurationRecorderStatusCommand(selector(summary)), { abortSignal: signal });
      const status = answer.ConfigurationRecordersStatus?.[0];
      return status ? toRecorderStatus(status) : undefined;
    },
    async describeDeliveryChannels(signal) {
      const answer = await client.send(new DescribeDeliveryChannelsCommand({}), { abortSignal: signal });
      return (answer.DeliveryChannels ?? []).map(toDeliveryChannel);
    },
    async describeDeliveryChannelStatus(signal) {
      const answer = await client.send(new DescribeDeliveryChannelStatusCommand({}), { abortSignal: signal });
      return (answer.DeliveryChannelsStatus ?? []).map(toDeliveryChannelStatus);
    },
    describeRules(signal) {
      const pages = paginateDescribeConfigRules({ client, stopOnSameToken: true }, {}, { abortSignal: signal });
      return mapPages(pages, (page) => (page.ConfigRules ?? []).map(toRawRule));
    },
    nonCompliantResults(ruleName, signal) {
      const pages = paginateGetComplianceDetailsByConfigRule(
        { client, pageSize: 100, stopOnSameToken: true },
        { ConfigRuleName: ruleName, ComplianceTypes: ['NON_COMPLIANT'] },
        { abortSignal: signal },
      );
      return mapPages(pages, (page) => (page.EvaluationResults ?? []).flatMap(toEvaluationResult));
    },
  };
}

/** Maps each page as it comes; one `next()` is one call, so the scan's limiter can schedule every page. */
async function* mapPages<P, T>(pages: AsyncIterable<P>, map: (page: P) => readonly T[]): AsyncGenerator<readonly T[]> {
  for await (const page of pages) yield map(page);
}

function iso(value: Date | string | number | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toSummary(summary: ConfigurationRecorderSummary): RecorderSummary {
  return {
    name: summary.name ?? 'default',
    arn: summary.arn,
    ...(summary.servicePrincipal ? { servicePrincipal: summary.servicePrincipal } : {}),
    recordingScope: summary.recordingScope,
  };
}

function toRecorder(recorder: ConfigurationRecorder, summary: RecorderSummary): Omit<Recorder, 'status'> {
  const group = recorder.recordingGroup;
  const strategy = (group?.recordingStrategy?.useOnly ??
    (group?.allSupported !== false ? 'ALL_SUPPORTED_RESOURCE_TYPES' : 'INCLUSION_BY_RESOURCE_TYPES')) as RecordingStrategy;
  return {
    ...summary,
    name: recorder.name ?? summary.name,
    arn: recorder.arn ?? summary.arn,
    roleArn: recorder.roleARN,
    recordingGroup: {
      strategy,
      // Absent in old shapes means the API default, which records all supported types.
      allSupported: group?.allSupported ?? strategy === 'ALL_SUPPORTED_RESOURCE_TYPES',
      includeGlobalResourceTypes: group?.includeGlobalResourceTypes ?? false,
      resourceTypes: group?.resourceTypes ?? [],
      excludedResourceTypes: group?.exclusionByResourceTypes?.resourceTypes ?? [],
    },
    recordingMode: {
      frequency: recorder.recordingMode?.recordingFrequency === 'DAILY' ? 'DAILY' : 'CONTINUOUS',
      overrides: (recorder.recordingMode?.recordingModeOverrides ?? []).map((override) => ({
        description: override.description,
        resourceTypes: override.resourceTypes ?? [],
        frequency: override.recordingFrequency === 'DAILY' ? 'DAILY' : 'CONTINUOUS',
      })),
    },
  };
}

function toRecorderStatus(status: ConfigurationRecorderStatus): RecorderStatus {
  return {
    recording: status.recording === true,
    // Real AWS sends SUCCESS although the model says Success: compare upper-cased everywhere.
    lastStatus: status.lastStatus?.toUpperCase(),
    lastErrorCode: status.lastErrorCode,
    lastErrorMessage: status.lastErrorMessage,
    lastStatusChangeTime: iso(status.lastStatusChangeTime),
    lastStartTime: iso(status.lastStartTime),
    lastStopTime: iso(status.lastStopTime),
  };
}

function toDeliveryChannel(channel: SdkDeliveryChannel): DeliveryChannel {
  return {
    name: channel.name ?? 'default',
    s3BucketName: channel.s3BucketName,
    snsTopicArn: channel.snsTopicARN,
    deliveryFrequency: channel.configSnapshotDeliveryProperties?.deliveryFrequency,
  };
}

function toDeliveryChannelStatus(status: SdkDeliveryChannelStatus): DeliveryChannelStatus {
  const history = status.configHistoryDeliveryInfo ?? status.configSnapshotDeliveryInfo;
  return {
    name: status.name ?? 'default',
    lastStatus: history?.lastStatus?.toUpperCase(),
    lastErrorCode: history?.lastErrorCode,
    lastErrorMessage: history?.lastErrorMessage,
    lastSuccessfulTime: iso(history?.lastSuccessfulTime),
  };
}

function toRawRule(rule: SdkConfigRule): RawConfigRule {
  return {
    name: rule.ConfigRuleName ?? rule.ConfigRuleId ?? 'unnamed rule',
    arn: rule.ConfigRuleArn,
    state: rule.ConfigRuleState,
    owner: rule.Source?.Owner,
    sourceIdentifier: rule.Source?.SourceIdentifier,
    inputParameters: rule.InputParameters,
    scopeResourceTypes: rule.Scope?.ComplianceResourceTypes ?? [],
  };
}

function toEvaluationResult(result: SdkEvaluationResult): EvaluationResult[] {
  const qualifier = result.EvaluationResultIdentifier?.EvaluationResultQualifier;
  if (!qualifier?.ResourceType || !qualifier.ResourceId) return [];
  return [
    {
      resourceType: qualifier.ResourceType,
      resourceId: qualifier.ResourceId,
      annotation: result.Annotation,
      resultRecordedTime: iso(result.ResultRecordedTime),
    },
  ];
}

export function toAggregator(aggregator: ConfigurationAggregator): Omit<AggregatorInfo, 'region'> {
  // An aggregator may list several account sources; every one is read, not only the first.
  const accountSources = aggregator.AccountAggregationSources ?? [];
  const organization = aggregator.OrganizationAggregationSource;
  const sources: Array<{ AllAwsRegions?: boolean }> = [...(organization ? [organization] : []), ...accountSources];
  const sourceRegions = [...(organization?.AwsRegions ?? []), ...accountSources.flatMap((source) => source.AwsRegions ?? [])];
  return {
    name: aggregator.ConfigurationAggregatorName ?? 'aggregator',
    arn: aggregator.ConfigurationAggregatorArn,
    organization: organization !== undefined,
    // "All regions" only when every source says so: the flat model cannot say which accounts a region belongs to,
    // and it must never claim more coverage than the aggregator has.
    allRegions: sources.length > 0 && sources.every((source) => Boolean(source.AllAwsRegions)),
    regions: [...new Set(sourceRegions)],
    accountIds: [...new Set(accountSources.flatMap((source) => source.AccountIds ?? []))],
  };
}
