import { ListDiscoveredResourcesCommand, type ConfigServiceClient } from '@aws-sdk/client-config-service';
import { BUCKET_RESOURCE_TYPE } from '../core/bucket-region';
import { throwIfAborted } from '../core/errors';
import { isAwsError } from './errors';

/**
 * What AWS Config has discovered of S3 buckets in one region. ListDiscoveredResources includes resources Config
 * discovered but does not record; a region without a customer recorder answers
 * NoAvailableConfigurationRecorderException, which means "nothing here is watched", not an error.
 */
export type BucketInventory =
  { readonly state: 'recording'; readonly discoveredBuckets: ReadonlySet<string> } | { readonly state: 'no-recorder' };

export async function discoveredBuckets(config: ConfigServiceClient, signal?: AbortSignal): Promise<BucketInventory> {
  const names = new Set<string>();
  let nextToken: string | undefined;
  try {
    do {
      throwIfAborted(signal);
      const page = await config.send(new ListDiscoveredResourcesCommand({ resourceType: BUCKET_RESOURCE_TYPE, limit: 100, nextToken }), {
        abortSignal: signal,
      });
      for (const resource of page.resourceIdentifiers ?? []) {
        if (resource.resourceDeletionTime) continue;
        const name = resource.resourceName ?? resource.resourceId;
        if (name) names.add(name);
      }
      // A token handed back unchanged would page forever (the SDK paginators' stopOnSameToken, by hand).
      nextToken = page.nextToken && page.nextToken !== nextToken ? page.nextToken : undefined;
    } while (nextToken);
  } catch (error) {
    if (isAwsError(error, 'NoAvailableConfigurationRecorderException')) return { state: 'no-recorder' };
    throw error;
  }
  return { state: 'recording', discoveredBuckets: names };
}
