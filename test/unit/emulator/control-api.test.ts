import * as assert from 'node:assert/strict';
import {
  ConfigServiceClient,
  DescribeConfigRulesCommand,
  ListDiscoveredResourcesCommand,
  StartConfigRulesEvaluationCommand,
} from '@aws-sdk/client-config-service';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { StateSummary } from '../../../src/emulator';
import { credentials, failure, startHarness, type Harness } from './helpers';

describe('emulator: control API over HTTP and logging', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness('incident');
  });
  afterEach(async () => h.emulator.close());

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${h.emulator.endpoint}/_tagsight/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of several shapes, asserted field by field
    return { status: response.status, body: (await response.json()) as any };
  };

  it('GET state summarises regions, recorders, rules and buckets', async () => {
    const { status, body } = await control('GET', 'state');
    const state = body as StateSummary;
    assert.equal(status, 200);
    assert.equal(state.accountId, '123456789012');
    const seoul = state.regions.find((r) => r.name === 'ap-northeast-2');
    assert.equal(seoul?.recorders[0]?.recording, true);
    assert.equal(state.regions.find((r) => r.name === 'ap-east-1')?.optInStatus, 'DISABLED');
    assert.deepEqual(
      state.buckets.find((b) => b.name === 'rnd-transcribe-test'),
      { name: 'rnd-transcribe-test', region: 'ap-northeast-2', tags: {}, discovered: false },
    );
  });

  it('POST sweep discovers the missed bucket', async () => {
    const { body } = await control('POST', 'sweep', { region: 'ap-northeast-2' });
    assert.ok(body.recorded >= 1);
    const { resourceIdentifiers } = await new ConfigServiceClient(h.options('ap-northeast-2')).send(
      new ListDiscoveredResourcesCommand({ resourceType: 'AWS::S3::Bucket' }),
    );
    assert.ok(resourceIdentifiers?.some((r) => r.resourceId === 'rnd-transcribe-test'));
  });

  it('POST/GET/DELETE faults, GET calls and POST reset-calls', async () => {
    const added = await control('POST', 'faults', [{ kind: 'access-denied', service: 'config' }]);
    assert.equal(added.body.ids.length, 1);
    assert.equal((await control('GET', 'faults')).body[0].kind, 'access-denied');
    const config = new ConfigServiceClient(h.options('ap-northeast-2'));
    assert.equal((await failure(config.send(new DescribeConfigRulesCommand({})))).name, 'AccessDeniedException');
    await control('DELETE', 'faults');
    await config.send(new DescribeConfigRulesCommand({}));
    const calls = await control('GET', 'calls');
    assert.deepEqual(calls.body, [{ service: 'config', operation: 'DescribeConfigRules', region: 'ap-northeast-2', count: 2 }]);
    await control('POST', 'reset-calls');
    assert.deepEqual((await control('GET', 'calls')).body, []);
  });

  it('POST clock moves time past the StartConfigRulesEvaluation minute', async () => {
    const config = new ConfigServiceClient(h.options('ap-northeast-2'));
    await config.send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: ['required-tags'] }));
    assert.equal(
      (await failure(config.send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: ['required-tags'] })))).name,
      'LimitExceededException',
    );
    const moved = await control('POST', 'clock', { advanceMs: 60_000 });
    assert.equal(moved.body.now, '2026-11-27T10:01:00.000Z');
    await config.send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: ['required-tags'] }));
  });

  it('POST scenario loads another scenario; a bad one is refused with the reason', async () => {
    assert.equal((await control('POST', 'scenario', { name: 'org-aggregator' })).body.scenario, 'org-aggregator');
    const identity = await new STSClient(h.options('us-east-1')).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, '345678901234');
    const bad = await control('POST', 'scenario', { scenario: { accountId: 'x', regions: [] } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error, /accountId: expected 12 digits/);
    assert.equal((await control('GET', 'nope')).status, 404);
    assert.equal((await control('POST', 'faults', { kind: 'gremlins' })).status, 400);
  });

  it('never logs credentials or the Authorization header', async () => {
    await new STSClient(h.options('us-east-1')).send(new GetCallerIdentityCommand({}));
    await failure(new ConfigServiceClient(h.options('ap-east-1')).send(new DescribeConfigRulesCommand({})));
    const logged = JSON.stringify(h.logger.records);
    assert.ok(logged.includes('sts.GetCallerIdentity'), 'calls are logged');
    assert.ok(!logged.includes(credentials.secretAccessKey));
    assert.ok(!logged.includes(credentials.accessKeyId));
    assert.ok(!/Signature=|aws4_request|authorization/i.test(logged));
  });
});
