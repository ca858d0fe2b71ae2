import type { World } from '../model/world';
import type { LiveResource } from '../model/types';
import { page } from '../protocol/pagination';
import { ServiceError, type EmulatorRequest, type EmulatorResponse } from '../protocol/request';
import { jsonOk } from '../protocol/respond';
import { parseJsonBody } from './json-body';
import { isSystemKey } from './s3';

/** `service:type` as the Tagging API names types, from an ARN (S3 buckets have no type segment). */
export function taggingType(arn: string): string {
  const [, , service = '', , , resource = ''] = arn.split(':');
  if (service === 's3' && !resource.includes('/')) return 's3:bucket';
  const type = resource.split(/[/:]/)[0] ?? '';
  return type ? `${service}:${type}` : service;
}

/**
 * Resource Groups Tagging API: region-scoped, never lists untagged resources, TagResources merges per key;
 * ListRequiredTags reports the organization's tag policy.
 */
export function handleTagging(world: World, request: EmulatorRequest): EmulatorResponse {
  const input = parseJsonBody(request.body);
  if (request.operation === 'GetResources') return jsonOk(getResources(world, request.region, input));
  if (request.operation === 'TagResources') return jsonOk(tagResources(world, request, input));
  if (request.operation === 'ListRequiredTags') return jsonOk(listRequiredTags(world, input));
  throw new ServiceError('UnknownOperationException', `Unknown operation ${request.operation}`);
}

function getResources(world: World, region: string, input: Record<string, unknown>) {
  const typeFilters = (input.ResourceTypeFilters as string[] | undefined) ?? [];
  const tagFilters = (input.TagFilters as { Key: string; Values?: string[] }[] | undefined) ?? [];
  const arnList = input.ResourceARNList as string[] | undefined;
  if (arnList && (typeFilters.length > 0 || tagFilters.length > 0 || input.PaginationToken)) {
    throw new ServiceError('InvalidParameterException', 'ResourceARNList cannot be combined with filters or a pagination token');
  }
  const perPage = input.ResourcesPerPage === undefined ? 100 : Number(input.ResourcesPerPage);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
    throw new ServiceError('InvalidParameterException', 'ResourcesPerPage must be between 1 and 100');
  const matches = world
    .resourcesIn(region)
    .filter((r) => Object.keys(r.tags).length > 0)
    .filter((r) => !arnList || arnList.includes(r.arn))
    .filter((r) => typeFilters.length === 0 || typeFilters.some((f) => typeMatches(f, r)))
    .filter((r) => tagFilters.every((f) => f.Key in r.tags && (!f.Values || f.Values.length === 0 || f.Values.includes(r.tags[f.Key]!))))
    .sort((a, b) => a.arn.localeCompare(b.arn));
  const result = page(
    matches,
    `gr:${region}:${JSON.stringify([typeFilters, tagFilters])}`,
    input.PaginationToken,
    perPage,
    'PaginationTokenExpiredException',
  );
  return {
    PaginationToken: result.next ?? '',
    ResourceTagMappingList: result.items.map((r) => ({
      ResourceARN: r.arn,
      Tags: Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })),
    })),
  };
}

/** MaxResults is 1 to 200 (API reference); the default page size is not documented, 200 is a guess (UNCONFIRMED). */
const REQUIRED_TAGS_PAGE_MAX = 200;

/**
 * The account's effective tag policy, the same in every region. An account outside an organization has no tag
 * policy, so the list is empty rather than an error (UNCONFIRMED: AWS does not document that case).
 */
function listRequiredTags(world: World, input: Record<string, unknown>) {
  const organization = world.organization;
  if (organization?.mayListRequiredTags === false) {
    throw new ServiceError(
      'AccessDeniedException',
      `User: ${world.callerArn} is not authorized to perform: tag:ListRequiredTags because no identity-based policy allows the tag:ListRequiredTags action`,
    );
  }
  const limit = input.MaxResults === undefined ? REQUIRED_TAGS_PAGE_MAX : Number(input.MaxResults);
  if (!Number.isInteger(limit) || limit < 1 || limit > REQUIRED_TAGS_PAGE_MAX) {
    throw new ServiceError('InvalidParameterException', `MaxResults must be between 1 and ${REQUIRED_TAGS_PAGE_MAX}`);
  }
  const result = page(organization?.requiredTags ?? [], 'lrt', input.NextToken, limit, 'InvalidParameterException');
  return {
    RequiredTags: result.items.map((entry) => ({
      ResourceType: entry.resourceType,
      ...(entry.cloudFormationResourceTypes ? { CloudFormationResourceTypes: entry.cloudFormationResourceTypes } : {}),
      ReportingTagKeys: entry.reportingTagKeys,
    })),
    ...(result.next ? { NextToken: result.next } : {}),
  };
}

function typeMatches(filter: string, resource: LiveResource): boolean {
  const type = taggingType(resource.arn);
  return filter.includes(':') ? type === filter : type.split(':')[0] === filter;
}

function tagResources(world: World, request: EmulatorRequest, input: Record<string, unknown>) {
  const arns = input.ResourceARNList as string[] | undefined;
  const tags = input.Tags as Record<string, string> | undefined;
  if (!arns || arns.length === 0 || arns.length > 20)
    throw new ServiceError('InvalidParameterException', 'ResourceARNList must hold 1 to 20 ARNs');
  if (!tags || Object.keys(tags).length === 0 || Object.keys(tags).length > 50)
    throw new ServiceError('InvalidParameterException', 'Tags must hold 1 to 50 tags');
  if (Object.keys(tags).some(isSystemKey)) throw new ServiceError('InvalidParameterException', 'Tag keys starting with aws: are reserved');
  const failed: Record<string, { StatusCode: number; ErrorCode: string; ErrorMessage: string }> = {};
  const tagged: string[] = [];
  for (const arn of arns) {
    const resource = world.resources.get(arn);
    if (!resource || resource.region !== request.region) {
      failed[arn] = {
        StatusCode: 400,
        ErrorCode: 'InvalidParameterException',
        ErrorMessage: `The resource ${arn} was not found in region ${request.region}`,
      };
      continue;
    }
    const merged = { ...resource.tags, ...tags };
    if (Object.keys(merged).filter((k) => !isSystemKey(k)).length > 50) {
      failed[arn] = { StatusCode: 400, ErrorCode: 'InvalidParameterException', ErrorMessage: 'A resource can have at most 50 tags' };
      continue;
    }
    resource.tags = merged;
    tagged.push(arn);
  }
  if (tagged.length > 0) {
    world.recordEvent(
      {
        region: request.region,
        eventName: 'TagResources',
        eventSource: 'tagging.amazonaws.com',
        eventTime: world.now(),
        accessKeyId: request.accessKeyId,
        readOnly: false,
        userAgent: request.userAgent,
        requestParameters: { resourceARNList: tagged, tags },
        resources: tagged.map((arn) => ({ ResourceType: world.resources.get(arn)!.type, ResourceName: arn })),
      },
      tagged,
    );
  }
  return { FailedResourcesMap: failed };
}
