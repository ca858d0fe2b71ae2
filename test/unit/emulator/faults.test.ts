import * as assert from 'node:assert/strict';
import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { ConfigServiceClient, DescribeConfigRulesCommand } from '@aws-sdk/client-config-service';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { HeadBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { FaultKind } from '../../../src/emulator';
import { failure, startHarness, type Harness } from './helpers';
import { waitFor } from '../../support/wait-for';

/** The exception name each client surfaces for each fault, per the services' own vocabularies. */
const EXPECTED: Record<string, Partial<Record<FaultKind, string>>> = {
  config: {
    throttle: 'ThrottlingException',
    'server-error': 'InternalFailure',
    'access-denied': 'AccessDeniedException',
    'expired-token': 'ExpiredTokenException',
    'unrecognized-client': 'UnrecognizedClientException',
    timeout: 'TimeoutError',
    malformed: 'SyntaxError',
  },
  cloudtrail: {
    throttle: 'ThrottlingException',
    'server-error': 'InternalFailure',
    'access-denied': 'AccessDeniedException',
    'expired-token': 'ExpiredTokenException',
    'unrecognized-client': 'UnrecognizedClientException',
    timeout: 'TimeoutError',
    malformed: 'SyntaxError',
  },
  tagging: {
    throttle: 'ThrottledException',
    'server-error': 'InternalServiceException',
    'access-denied': 'AccessDeniedException',
    'expired-token': 'ExpiredTokenException',
    'unrecognized-client': 'UnrecognizedClientException',
    timeout: 'TimeoutError',
    malformed: 'SyntaxError',
  },
  s3: {
    throttle: 'SlowDown',
    'server-error': 'InternalError',
    'access-denied': 'AccessDenied',
    'expired-token': 'ExpiredToken',
    'unrecognized-client': 'InvalidAccessKeyId',
    timeout: 'TimeoutError',
    malformed: 'Error',
  },
  sts: {
    throttle: 'Throttling',
    'server-error': 'InternalFailure',
    'access-denied': 'AccessDenied',
    'expired-token': 'ExpiredTokenException',
    'unrecognized-client': 'InvalidClientTokenId',
    timeout: 'TimeoutError',
    malformed: 'Error',
  },
  account: {
    throttle: 'TooManyRequestsException',
    'server-error': 'InternalServerException',
    'access-denied': 'AccessDeniedException',
    'expired-token': 'ExpiredTokenException',
    'unrecognized-client': 'UnrecognizedClientException',
    timeout: 'TimeoutError',
    malformed: 'SyntaxError',
  },
};

describe('emulator: fault injection', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness('incident');
  });
  afterEach(async () => h.emulator.close());

  // The SDK only turns a slow response into an error with throwOnRequestTimeout.
  const quick = (region: string) => ({ ...h.options(region), requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true } });
  const calls: Record<string, { operation: string; send: () => Promise<unknown> }> = {
    config: {
      operation: 'DescribeConfigRules',
      send: () => new ConfigServiceClient(quick('ap-northeast-2')).send(new DescribeConfigRulesCommand({})),
    },
    cloudtrail: { operation: 'LookupEvents', send: () => new CloudTrailClient(quick('ap-northeast-2')).send(new LookupEventsCommand({})) },
    tagging: {
      operation: 'GetResources',
      send: () => new ResourceGroupsTaggingAPIClient(quick('ap-northeast-2')).send(new GetResourcesCommand({})),
    },
    s3: {
      operation: 'ListBuckets',
      send: () => new S3Client({ ...quick('ap-northeast-2'), forcePathStyle: true }).send(new ListBucketsCommand({})),
    },
    sts: { operation: 'GetCallerIdentity', send: () => new STSClient(quick('ap-northeast-2')).send(new GetCallerIdentityCommand({})) },
    account: { operation: 'ListRegions', send: () => new AccountClient(quick('ap-northeast-2')).send(new ListRegionsCommand({})) },
  };

  for (const [service, expected] of Object.entries(EXPECTED)) {
    for (const [kind, name] of Object.entries(expected)) {
      it(`${service}: ${kind} surfaces as ${name}, once`, async () => {
        const call = calls[service]!;
        h.emulator.faults.add({ kind: kind as FaultKind, operation: call.operation, region: 'ap-northeast-2', times: 1 });
        const error = await failure(call.send());
        assert.equal(error.name, name);
        await call.send(); // the fault was used up
      });
    }
  }

  it('HeadBucket faults are bare status codes, as S3 answers HEAD', async () => {
    h.emulator.faults.add({ kind: 'access-denied', operation: 'HeadBucket', times: 1 });
    const error = await failure(new S3Client(h.s3('ap-northeast-2')).send(new HeadBucketCommand({ Bucket: 'transcribe-results' })));
    assert.equal(error.$metadata?.httpStatusCode, 403);
    assert.equal(error.$response?.headers['x-amz-bucket-region'], 'ap-northeast-2', 'a denial still names the region');
  });

  it('selects faults by region and keeps "always" faults until cleared', async () => {
    h.emulator.faults.add({ kind: 'throttle', service: 'config', region: 'ap-northeast-2' });
    const config = (region: string) => new ConfigServiceClient(h.options(region)).send(new DescribeConfigRulesCommand({}));
    assert.equal((await failure(config('ap-northeast-2'))).name, 'ThrottlingException');
    assert.equal((await failure(config('ap-northeast-2'))).name, 'ThrottlingException');
    await config('us-east-1');
    h.emulator.faults.clear();
    await config('ap-northeast-2');
  });

  it('adds latency per fault and globally, and counts calls per operation and region', async () => {
    h.emulator.faults.add({ kind: 'latency', latencyMs: 120, operation: 'GetCallerIdentity', times: 1 });
    const sts = new STSClient(h.options('eu-west-1'));
    const started = performance.now();
    await sts.send(new GetCallerIdentityCommand({}));
    assert.ok(performance.now() - started >= 115);
    h.emulator.setLatency(60);
    const again = performance.now();
    await sts.send(new GetCallerIdentityCommand({}));
    assert.ok(performance.now() - again >= 55);
    assert.deepEqual(h.emulator.calls(), [{ service: 'sts', operation: 'GetCallerIdentity', region: 'eu-west-1', count: 2 }]);
    h.emulator.resetCalls();
    assert.deepEqual(h.emulator.calls(), []);
  });

  it('close() ends requests held by a timeout fault', async () => {
    h.emulator.faults.add({ kind: 'timeout' });
    const pending = failure(new STSClient(h.options('us-east-1')).send(new GetCallerIdentityCommand({})));
    await waitFor(() => h.emulator.calls().length > 0, { message: 'the emulator to record the call', timeoutMs: 2000, intervalMs: 5 });
    await h.emulator.close();
    const error = await pending;
    assert.ok(error instanceof Error);
  });

  it('a timeout fault with holdMs drops the connection, which a client without a timeout sees as an error', async () => {
    h.emulator.faults.add({ kind: 'timeout', holdMs: 50, times: 1 });
    const error = await failure(new STSClient(h.options('us-east-1')).send(new GetCallerIdentityCommand({})));
    assert.match(`${error.name} ${error.message}`, /socket hang up|ECONNRESET/);
  });

  it('rejects a fault it does not know', () => {
    assert.throws(() => h.emulator.faults.add({ kind: 'gremlins' as FaultKind }), /unknown fault kind/);
    assert.throws(() => h.emulator.faults.add({ kind: 'latency' }), /latencyMs/);
  });
});
