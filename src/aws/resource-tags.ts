import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import type { TagReader } from '../core/account-scan/ports';
import type { TagSet } from '../core/tag-policy';
import type { AwsClientFactory } from './clients';
import { toTagSet } from './tag-list';

/**
 * Reads the tags of up to 100 resources of one region in one call: Resource Groups Tagging API GetResources by
 * ARN (ResourceARNList cannot be paginated, so one page is the whole answer). GetResources never returns an
 * untagged resource, so an ARN asked for and not returned carries no tags at all: every required key is missing.
 */
export function createResourceTagReader(factory: AwsClientFactory): TagReader {
  return async (region, arns, signal) => {
    const answer = await factory.tagging(region).send(new GetResourcesCommand({ ResourceARNList: [...arns] }), { abortSignal: signal });
    const tags = new Map<string, TagSet>(arns.map((arn) => [arn, {}]));
    for (const mapping of answer.ResourceTagMappingList ?? []) {
      if (!mapping.ResourceARN) continue;
      tags.set(mapping.ResourceARN, toTagSet(mapping.Tags));
    }
    return tags;
  };
}
