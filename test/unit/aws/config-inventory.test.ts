import * as assert from 'node:assert/strict';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { discoveredBuckets } from '../../../src/aws/config-inventory';
import { isBucketDiscovered } from '../helpers/config-discovery';
import { RuleReevaluator } from '../../../src/aws/config-inventory-reevaluation';
import { awsError, stubSend } from './tagging-sdk-stub';

const client = () => new ConfigServiceClient({ region: 'ap-northeast-2', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });

describe('config inventory', () => {
  it('lists discovered buckets over pages, skipping deleted ones', async () => {
    const config = client();
    stubSend(config, (command) =>
      command.input.nextToken
        ? { resourceIdentifiers: [{ resourceId: 'gone', resourceDeletionTime: new Date() }] }
        : { resourceIdentifiers: [{ resourceId: 'known', resourceName: 'known' }], nextToken: 'n' },
    );
    const inventory = await discoveredBuckets(config);
    assert.equal(inventory.state, 'recording');
    assert.deepEqual(inventory.state === 'recording' && [...inventory.discoveredBuckets], ['known']);
  });

  it('stops when Config hands back the token it was given, instead of asking forever', async () => {
    const config = client();
    const calls = stubSend(config, () => ({ resourceIdentifiers: [{ resourceId: 'known' }], nextToken: 'same' }));
    const inventory = await discoveredBuckets(config);
    assert.deepEqual(inventory.state === 'recording' && [...inventory.discoveredBuckets], ['known']);
    assert.equal(calls.length, 2);
  });

  it('reads NoAvailableConfigurationRecorderException as "not watched", other errors as errors', async () => {
    const config = client();
    stubSend(config, () => {
      throw awsError('NoAvailableConfigurationRecorderException');
    });
    assert.deepEqual(await discoveredBuckets(config), { state: 'no-recorder' });
    stubSend(config, () => {
      throw awsError('AccessDeniedException', 403);
    });
    await assert.rejects(discoveredBuckets(config), /AccessDenied/);
  });

  it('probes one bucket with GetResourceConfigHistory', async () => {
    const config = client();
    stubSend(config, () => {
      throw awsError('ResourceNotDiscoveredException');
    });
    assert.equal(await isBucketDiscovered(config, 'rnd-transcribe-test'), false);
    stubSend(config, () => ({ configurationItems: [{}] }));
    assert.equal(await isBucketDiscovered(config, 'rnd-transcribe-test'), true);
  });
});

describe('RuleReevaluator', () => {
  it('starts at most once a minute per rule set, handles LimitExceededException, and explains the limit', async () => {
    let now = new Date('2026-11-27T10:00:00Z');
    const reevaluator = new RuleReevaluator({ now: () => now });
    const config = client();
    const calls = stubSend(config, () => ({}));
    const first = await reevaluator.reevaluate(config, 'ap-northeast-2', ['required-tags']);
    assert.equal(first.kind, 'started');
    assert.match(first.explanation, /last recorded state only/);
    const second = await reevaluator.reevaluate(config, 'ap-northeast-2', ['required-tags']);
    assert.equal(second.kind, 'too-soon');
    assert.equal(calls.length, 1);
    now = new Date(now.getTime() + 61_000);
    stubSend(config, () => {
      throw awsError('LimitExceededException');
    });
    assert.equal((await reevaluator.reevaluate(config, 'ap-northeast-2', ['required-tags'])).kind, 'limit-exceeded');
  });

  it('sends at most 25 rule names (the API limit) and reports only those as started', async () => {
    const config = client();
    const calls = stubSend(config, () => ({}));
    const names = Array.from({ length: 30 }, (_, index) => `required-tags-${index}`);
    const outcome = await new RuleReevaluator({ now: () => new Date('2026-11-27T10:00:00Z') }).reevaluate(config, 'ap-northeast-2', names);
    assert.deepEqual(calls[0]!.input.ConfigRuleNames, names.slice(0, 25));
    assert.deepEqual(outcome.kind === 'started' && outcome.ruleNames, names.slice(0, 25));
    assert.match(outcome.explanation, /5 more rules were not started/);
  });
});
