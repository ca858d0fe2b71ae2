import { GetResourceConfigHistoryCommand, type ConfigServiceClient } from '@aws-sdk/client-config-service';
import { isAwsError } from '../../../src/aws/errors';
import { BUCKET_RESOURCE_TYPE } from '../../../src/core/bucket-region';

/**
 * Whether Config has discovered one bucket: GetResourceConfigHistory answers ResourceNotDiscoveredException for a
 * bucket it has not seen yet. Tests use it to watch the emulator's Config pick a change up.
 */
export async function isBucketDiscovered(config: ConfigServiceClient, bucket: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await config.send(new GetResourceConfigHistoryCommand({ resourceType: BUCKET_RESOURCE_TYPE, resourceId: bucket, limit: 1 }), {
      abortSignal: signal,
    });
    return true;
  } catch (error) {
    if (isAwsError(error, 'ResourceNotDiscoveredException')) return false;
    throw error;
  }
}
