import type { World } from '../../model/world';
import type { RegionState } from '../../model/types';
import { decodeToken, encodeToken, epochSeconds, page } from '../../protocol/pagination';
import { ServiceError } from '../../protocol/request';
import { evaluationShape, limitOf, ruleCompliance, sortedEvaluations, type Handler } from './shapes';

/**
 * Config aggregator calls. An aggregator shows what the source regions' recorders discovered, so it inherits
 * their blind spots; its pages may be empty while a token says more follows, as AWS documents.
 */
export const AGGREGATE_HANDLERS: Record<string, Handler> = {
  DescribeConfigurationAggregators(world, region, input) {
    const names = input.ConfigurationAggregatorNames as string[] | undefined;
    for (const name of names ?? []) {
      if (!region.aggregators.some((a) => a.name === name))
        throw new ServiceError('NoSuchConfigurationAggregatorException', `The configuration aggregator ${name} does not exist`);
    }
    const aggregators = region.aggregators.filter((a) => !names || names.length === 0 || names.includes(a.name));
    const result = page(aggregators, `dca:${region.name}`, input.NextToken, limitOf(input.Limit, 100, 100, 'InvalidLimitException'));
    return {
      ConfigurationAggregators: result.items.map((a) => ({
        ConfigurationAggregatorName: a.name,
        ConfigurationAggregatorArn: a.arn,
        ...(a.kind === 'organization'
          ? {
              OrganizationAggregationSource: {
                RoleArn: a.roleArn,
                ...(a.awsRegions ? { AwsRegions: a.awsRegions, AllAwsRegions: false } : { AllAwsRegions: true }),
              },
            }
          : {
              AccountAggregationSources: [
                {
                  AccountIds: [world.accountId],
                  ...(a.awsRegions ? { AwsRegions: a.awsRegions, AllAwsRegions: false } : { AllAwsRegions: true }),
                },
              ],
            }),
        CreationTime: epochSeconds(a.createdAt),
        LastUpdatedTime: epochSeconds(a.createdAt),
      })),
      ...(result.next ? { NextToken: result.next } : {}),
    };
  },
  DescribeAggregateComplianceByConfigRules(world, region, input) {
    const aggregator = findAggregator(world, region, input.ConfigurationAggregatorName);
    const filters = (input.Filters as Record<string, string> | undefined) ?? {};
    const limit = limitOf(input.Limit, 1000, 1000, 'InvalidLimitException');
    // One page per source region at most, so regions without rules give the empty pages with a token that AWS
    // documents ("The results can return an empty result page").
    const sources = world.aggregatorSources(aggregator).filter((s) => !filters.AwsRegion || s.name === filters.AwsRegion);
    const { sourceIndex, offset } = aggregateCursor(input.NextToken, `dacbcr:${aggregator.name}`);
    const source = sources[sourceIndex];
    if (!source || (filters.AccountId && filters.AccountId !== world.accountId)) return { AggregateComplianceByConfigRules: [] };
    const rows = source.rules
      .filter((r) => !filters.ConfigRuleName || r.name === filters.ConfigRuleName)
      .map((r) => ({ ConfigRuleName: r.name, Compliance: ruleCompliance(r), AccountId: world.accountId, AwsRegion: source.name }))
      .filter((r) => !filters.ComplianceType || r.Compliance.ComplianceType === filters.ComplianceType);
    const items = rows.slice(offset, offset + limit);
    const next =
      offset + items.length < rows.length
        ? aggregateToken(`dacbcr:${aggregator.name}`, sourceIndex, offset + items.length)
        : sourceIndex + 1 < sources.length
          ? aggregateToken(`dacbcr:${aggregator.name}`, sourceIndex + 1, 0)
          : undefined;
    return { AggregateComplianceByConfigRules: items, ...(next ? { NextToken: next } : {}) };
  },
  GetAggregateComplianceDetailsByConfigRule(world, region, input) {
    const aggregator = findAggregator(world, region, input.ConfigurationAggregatorName);
    for (const field of ['ConfigRuleName', 'AccountId', 'AwsRegion']) {
      if (typeof input[field] !== 'string') throw new ServiceError('ValidationException', `${field} is required`);
    }
    const limit = limitOf(input.Limit, 50, 100, 'InvalidLimitException');
    const source = world.aggregatorSources(aggregator).find((s) => s.name === input.AwsRegion);
    const rule = source?.rules.find((r) => r.name === input.ConfigRuleName);
    const evaluations =
      rule && input.AccountId === world.accountId
        ? sortedEvaluations(rule).filter((e) => !input.ComplianceType || e.complianceType === input.ComplianceType)
        : [];
    // The aggregator answers a first, empty page with a token whenever there are results (its shard scan);
    // callers that stop at an empty page miss everything, as with the real service.
    const scope = `gacdbcr:${aggregator.name}:${String(input.AwsRegion)}:${String(input.ConfigRuleName)}`;
    if (input.NextToken === undefined && evaluations.length > 0)
      return { AggregateEvaluationResults: [], NextToken: encodeToken(scope, 0) };
    const result = page(evaluations, scope, input.NextToken, limit);
    return {
      AggregateEvaluationResults: result.items.map((e) => ({
        ...evaluationShape(rule!, e),
        AccountId: world.accountId,
        AwsRegion: source!.name,
      })),
      ...(result.next ? { NextToken: result.next } : {}),
    };
  },
  ListAggregateDiscoveredResources(world, region, input) {
    const aggregator = findAggregator(world, region, input.ConfigurationAggregatorName);
    if (typeof input.ResourceType !== 'string') throw new ServiceError('ValidationException', 'ResourceType is required');
    const filters = (input.Filters as Record<string, string> | undefined) ?? {};
    const rows = world
      .aggregatorSources(aggregator)
      .filter((s) => !filters.Region || s.name === filters.Region)
      .flatMap((s) => [...s.inventory.values()].map((h) => h[h.length - 1]!))
      .filter((item) => item.resourceType === input.ResourceType)
      .filter(
        (item) =>
          (!filters.ResourceId || item.resourceId === filters.ResourceId) &&
          (!filters.ResourceName || item.resourceName === filters.ResourceName),
      )
      .filter(() => !filters.AccountId || filters.AccountId === world.accountId)
      .map((item) => ({
        SourceAccountId: world.accountId,
        SourceRegion: item.awsRegion,
        ResourceId: item.resourceId,
        ResourceType: item.resourceType,
        ResourceName: item.resourceName,
      }));
    const result = page(
      rows,
      `ladr:${aggregator.name}:${input.ResourceType}`,
      input.NextToken,
      limitOf(input.Limit, 100, 100, 'InvalidLimitException'),
    );
    return { ResourceIdentifiers: result.items, ...(result.next ? { NextToken: result.next } : {}) };
  },
};

function findAggregator(world: World, region: RegionState, name: unknown) {
  const aggregator = world.aggregator(region.name, String(name));
  if (!aggregator)
    throw new ServiceError('NoSuchConfigurationAggregatorException', `The configuration aggregator ${String(name)} does not exist`);
  return aggregator;
}

function aggregateToken(scope: string, sourceIndex: number, offset: number): string {
  return encodeToken(`${scope}:${sourceIndex}`, offset);
}

function aggregateCursor(token: unknown, scope: string): { sourceIndex: number; offset: number } {
  if (token === undefined || token === null || token === '') return { sourceIndex: 0, offset: 0 };
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as { s: string; o: number };
    const match = /:(\d+)$/.exec(parsed.s);
    if (match && parsed.s.startsWith(scope + ':')) return { sourceIndex: Number(match[1]), offset: decodeToken(parsed.s, token) };
  } catch {
    // fall through
  }
  throw new ServiceError('InvalidNextTokenException', 'The nextToken provided is invalid');
}
