import * as assert from 'node:assert/strict';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { createScanPorts } from '../../../src/aws/account-scan-ports';
import type { AwsClientFactory } from '../../../src/aws/clients';
import type { EvaluationResult } from '../../../src/core/account-scan/ports';
import { stubSend } from './tagging-sdk-stub';

function result(id: string) {
  return {
    EvaluationResultIdentifier: {
      EvaluationResultQualifier: { ConfigRuleName: 'required-tags', ResourceType: 'AWS::S3::Bucket', ResourceId: id },
    },
    ComplianceType: 'NON_COMPLIANT',
  };
}

async function collect(pages: AsyncIterable<readonly EvaluationResult[]>): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of pages) ids.push(...page.map((entry) => entry.resourceId));
  return ids;
}

/** Only what these ports touch: the home region and the Config client. */
function factoryWith(client: ConfigServiceClient): AwsClientFactory {
  return { homeRegion: async () => 'us-east-1', config: () => client } as unknown as AwsClientFactory;
}

describe('scan ports: Config paging (docs/aws-behaviour.md#config-rule-results)', () => {
  const signal = new AbortController().signal;

  it('GetComplianceDetailsByConfigRule asks for 100 a page (the maximum) and follows NextToken', async () => {
    const client = new ConfigServiceClient({ region: 'ap-northeast-2', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    // The SDK paginator reuses one input object, so each call's input is copied when it is sent.
    const sent: Array<Record<string, unknown>> = [];
    stubSend(client, (command) => {
      sent.push({ ...command.input });
      return command.input.NextToken ? { EvaluationResults: [result('b')] } : { EvaluationResults: [result('a')], NextToken: 't1' };
    });
    const ports = await createScanPorts(factoryWith(client));
    assert.deepEqual(await collect(ports.region('ap-northeast-2').nonCompliantResults('required-tags', signal)), ['a', 'b']);
    assert.deepEqual(
      sent.map((input) => [input.Limit, input.NextToken]),
      [
        [100, undefined],
        [100, 't1'],
      ],
    );
  });

  it('an aggregate call keeps paging through empty pages while a NextToken comes back', async () => {
    const client = new ConfigServiceClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const answers = [
      { AggregateEvaluationResults: [], NextToken: 't1' },
      { AggregateEvaluationResults: [], NextToken: 't2' },
      { AggregateEvaluationResults: [{ ...result('late'), AccountId: '123456789012', AwsRegion: 'ap-northeast-2' }] },
    ];
    let answered = 0;
    const calls = stubSend(client, () => answers[answered++]);
    const ports = await createScanPorts(factoryWith(client));
    const ids = await collect(ports.aggregateNonCompliantResults!('org', 'required-tags', '123456789012', 'ap-northeast-2', signal));
    assert.deepEqual(ids, ['late']);
    assert.equal(calls.length, 3);
    assert.ok(calls.every((call) => call.input.Limit === 100 && call.input.AwsRegion === 'ap-northeast-2'));
  });
});
