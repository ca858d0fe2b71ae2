import * as assert from 'node:assert/strict';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { TagResourcesFailedError, resourceTagStore } from '../../../src/aws/tagging-resources';
import { applyTagMerge } from '../../../src/core/tag-merge';
import { stubSend } from './tagging-sdk-stub';

const arn = 'arn:aws:dynamodb:ap-northeast-2:123456789012:table/t';

describe('resourceTagStore (Resource Groups Tagging API)', () => {
  it('sends only the added keys and treats FailedResourcesMap as a failure', async () => {
    const client = new ResourceGroupsTaggingAPIClient({
      region: 'ap-northeast-2',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    const calls = stubSend(client, (command) =>
      command.constructor.name === 'GetResourcesCommand'
        ? { ResourceTagMappingList: [{ ResourceARN: arn, Tags: [{ Key: 'Owner', Value: 'me' }] }] }
        : { FailedResourcesMap: { [arn]: { StatusCode: 403, ErrorCode: 'AccessDeniedException', ErrorMessage: 'no tag:TagResources' } } },
    );
    await assert.rejects(
      applyTagMerge(resourceTagStore(client, arn, 'ap-northeast-2'), { Owner: 'me' }, { Service: 'api' }),
      (error: Error) => error instanceof TagResourcesFailedError && /AccessDeniedException/.test(error.message),
    );
    const tag = calls.find((c) => c.name === 'TagResourcesCommand')!;
    assert.deepEqual(tag.input, { ResourceARNList: [arn], Tags: { Service: 'api' } });
  });

  it('reads a never-tagged resource (absent from GetResources) as empty', async () => {
    const client = new ResourceGroupsTaggingAPIClient({
      region: 'ap-northeast-2',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    stubSend(client, () => ({ ResourceTagMappingList: [] }));
    assert.deepEqual(await resourceTagStore(client, arn, 'ap-northeast-2').read(), {});
  });
});
