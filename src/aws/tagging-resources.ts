import { GetResourcesCommand, TagResourcesCommand, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { TagsightError } from '../core/errors';
import { changedTags, type TagStore } from '../core/tag-merge';
import type { TagSet } from '../core/tag-policy';
import { toTagSet } from './tag-list';

/**
 * Resources other than S3 buckets: the Resource Groups Tagging API of the resource's region ("you can only tag
 * resources that are located in the specified Region"). TagResources adds or updates the given keys and never
 * removes others; a partial failure does not throw, so FailedResourcesMap is turned into an error here.
 */
export class TagResourcesFailedError extends TagsightError {
  constructor(
    readonly arn: string,
    readonly errorCode: string | undefined,
    detail: string | undefined,
  ) {
    super(
      'tag-resources-failed',
      `Tagging ${arn} failed${errorCode ? ` (${errorCode})` : ''}${detail ? `: ${detail}` : ''}. Nothing was changed by this call.`,
    );
    this.name = 'TagResourcesFailedError';
  }
}

export function resourceTagStore(client: ResourceGroupsTaggingAPIClient, arn: string, region: string): TagStore {
  return {
    description: `${arn} in ${region}`,
    async read(signal): Promise<TagSet> {
      // GetResources omits resources that have never been tagged: absent means no tags.
      const response = await client.send(new GetResourcesCommand({ ResourceARNList: [arn] }), { abortSignal: signal });
      return toTagSet(response.ResourceTagMappingList?.find((entry) => entry.ResourceARN === arn)?.Tags);
    },
    async write(plan, signal) {
      const response = await client.send(new TagResourcesCommand({ ResourceARNList: [arn], Tags: changedTags(plan) }), {
        abortSignal: signal,
      });
      const failure = response.FailedResourcesMap?.[arn] ?? Object.values(response.FailedResourcesMap ?? {})[0];
      if (failure) throw new TagResourcesFailedError(arn, failure.ErrorCode, failure.ErrorMessage);
    },
  };
}
