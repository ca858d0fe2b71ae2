import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DescribeConfigurationRecordersCommand } from '@aws-sdk/client-config-service';
import { GetBucketTaggingCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { ListTagsForResourceCommand } from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { envOverrides } from '../helpers/process-env';
import { requestTarget } from '../helpers/sdk-request';
import { AwsClientFactory } from '../../../src/aws/clients';
import { startEmulator, type RunningEmulator } from '../../../src/emulator';

/**
 * A profile chosen by name (the setting, --profile) sends calls to its own `endpoint_url` / `services` section,
 * as AWS_PROFILE does. Nothing here may reach AWS: the endpoints that must not win are a closed local port.
 */
describe("AwsClientFactory with a named profile's configured endpoint", function () {
  this.timeout(30_000);
  // Nothing listens there: a call that ends up here fails fast instead of quietly reaching the emulator.
  const nowhere = 'http://127.0.0.1:9';
  let emulator: RunningEmulator;
  let home: string;
  const overrides = envOverrides();
  const env = overrides.set;
  const factories: AwsClientFactory[] = [];
  const factoryFor = (profile: string, endpointUrl?: string) => {
    const factory = new AwsClientFactory(
      { profile, region: 'us-east-1', ...(endpointUrl ? { endpointUrl } : {}) },
      { version: '0', maxAttempts: 1 },
    );
    factories.push(factory);
    return factory;
  };
  const called = (service: string, operation: string) =>
    emulator.calls().some((call) => call.service === service && call.operation === operation);

  before(async () => {
    emulator = await startEmulator({ scenario: 'incident' });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-profile-endpoint-'));
    fs.mkdirSync(path.join(home, '.aws'));
    const profiles = ['emu', 'emu-host', 'far', 'svc', 'broken', 'ignoring'];
    fs.writeFileSync(
      path.join(home, '.aws', 'config'),
      [
        '[profile emu]',
        `endpoint_url = ${emulator.endpoint}`,
        // A host name, not 127.0.0.1: for an IP address the SDK's rules choose path style by themselves.
        '[profile emu-host]',
        'endpoint_url = http://emulator.localhost:4566',
        '[profile far]',
        `endpoint_url = ${nowhere}`,
        '[profile svc]',
        `endpoint_url = ${nowhere}`,
        'services = local-sts',
        '[services local-sts]',
        'sts =',
        `  endpoint_url = ${emulator.endpoint}`,
        '[profile broken]',
        `endpoint_url = ${emulator.endpoint}`,
        'services = missing',
        '[profile ignoring]',
        `endpoint_url = ${emulator.endpoint}`,
        'ignore_configured_endpoint_urls = true',
        // What AWS_PROFILE names must not decide for a profile chosen by name.
        '[profile env-profile]',
        `endpoint_url = ${nowhere}`,
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(home, '.aws', 'credentials'),
      profiles.map((name) => `[${name}]\naws_access_key_id = AKIDPROFILETEST\naws_secret_access_key = profile-secret\n`).join(''),
    );
    env('HOME', home);
    env('AWS_CONFIG_FILE', path.join(home, '.aws', 'config'));
    env('AWS_SHARED_CREDENTIALS_FILE', path.join(home, '.aws', 'credentials'));
    env('AWS_PROFILE', 'env-profile');
    for (const key of Object.keys(process.env).filter((name) => name.startsWith('AWS_ENDPOINT_URL'))) env(key, undefined);
    for (const key of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
    ])
      env(key, undefined);
  });

  afterEach(() => {
    for (const factory of factories.splice(0)) factory.destroy();
    emulator.resetCalls();
  });

  after(async () => {
    overrides.restore();
    await emulator.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it("sends STS, Config, S3 and S3 Control calls to the profile's endpoint_url, and reports it", async () => {
    const factory = factoryFor('emu');
    assert.equal(await factory.customEndpoint('config'), emulator.endpoint);
    const identity = await factory.sts('us-east-1').send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, '123456789012');
    await factory.config('ap-northeast-2').send(new DescribeConfigurationRecordersCommand({}));
    await factory.s3('ap-northeast-2').send(new ListBucketsCommand({}));
    const tags = await factory
      .s3Control('ap-northeast-2')
      .send(new ListTagsForResourceCommand({ AccountId: '123456789012', ResourceArn: 'arn:aws:s3:::rnd-transcribe-test' }));
    assert.equal(tags.$metadata.httpStatusCode, 200);
    for (const [service, operation] of [
      ['sts', 'GetCallerIdentity'],
      ['config', 'DescribeConfigurationRecorders'],
      ['s3', 'ListBuckets'],
      ['s3-control', 'ListTagsForResource'],
    ]) {
      assert.ok(called(service!, operation!), `${service} ${operation} reached the emulator; calls: ${JSON.stringify(emulator.calls())}`);
    }
  });

  it('uses path style for S3 and the endpoint as given for S3 Control', async () => {
    const factory = factoryFor('emu-host');
    const s3 = factory.s3('ap-northeast-2');
    const s3Control = factory.s3Control('ap-northeast-2');
    assert.deepEqual(await requestTarget(s3, () => s3.send(new GetBucketTaggingCommand({ Bucket: 'rnd-transcribe-test' }))), [
      'emulator.localhost',
      '/rnd-transcribe-test/',
    ]);
    const tags = () =>
      s3Control.send(new ListTagsForResourceCommand({ AccountId: '123456789012', ResourceArn: 'arn:aws:s3:::rnd-transcribe-test' }));
    assert.equal((await requestTarget(s3Control, tags))[0], 'emulator.localhost', 'no account id in front of the host');
  });

  it("lets the profile's services section override its endpoint_url for one service", async () => {
    const factory = factoryFor('svc');
    assert.equal(await factory.customEndpoint('sts'), emulator.endpoint);
    assert.equal(await factory.customEndpoint('config'), nowhere, "the other services keep the profile's endpoint_url");
    assert.equal((await factory.sts('us-east-1').send(new GetCallerIdentityCommand({}))).Account, '123456789012');
    assert.ok(called('sts', 'GetCallerIdentity'));
  });

  it('refuses a profile whose services section does not exist, instead of calling AWS', async () => {
    const factory = factoryFor('broken');
    await assert.rejects(factory.customEndpoint('config'), /services section "missing"/);
    await assert.rejects(factory.sts('us-east-1').send(new GetCallerIdentityCommand({})), /services section "missing"/);
    assert.equal(emulator.calls().length, 0);
  });

  it('lets AWS_ENDPOINT_URL_<SERVICE> override the profile', async () => {
    env('AWS_ENDPOINT_URL_S3', emulator.endpoint);
    try {
      const factory = factoryFor('far');
      assert.equal(await factory.customEndpoint('s3'), emulator.endpoint);
      assert.equal(await factory.customEndpoint('sts'), nowhere);
      await factory.s3('us-east-1').send(new ListBucketsCommand({}));
      assert.ok(called('s3', 'ListBuckets'));
    } finally {
      env('AWS_ENDPOINT_URL_S3', undefined);
    }
  });

  it('uses no configured endpoint when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the profile says so', async () => {
    // Asserted on what the SDK would be told, without sending: without an endpoint the call would go to AWS.
    const configuredEndpoint = (factory: AwsClientFactory) =>
      (
        factory.sts('us-east-1').config as unknown as { serviceConfiguredEndpoint: () => Promise<string | undefined> }
      ).serviceConfiguredEndpoint();
    env('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'true');
    try {
      const factory = factoryFor('emu');
      assert.equal(await factory.customEndpoint('sts'), undefined);
      assert.equal(await configuredEndpoint(factory), undefined);
    } finally {
      env('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', undefined);
    }
    const ignoring = factoryFor('ignoring');
    assert.equal(await ignoring.customEndpoint('sts'), undefined);
    assert.equal(await configuredEndpoint(ignoring), undefined);
    assert.equal(await configuredEndpoint(factoryFor('emu')), emulator.endpoint, 'the same lookup answers when not ignored');
  });

  it('still prefers an explicit endpointUrl', async () => {
    const factory = factoryFor('far', emulator.endpoint);
    assert.equal(await factory.customEndpoint('sts'), emulator.endpoint);
    assert.equal((await factory.sts('us-east-1').send(new GetCallerIdentityCommand({}))).Account, '123456789012');
  });

  it("reports the AWS_PROFILE profile's endpoint_url when no profile is named", async () => {
    env('AWS_PROFILE', 'emu');
    try {
      const factory = new AwsClientFactory({ region: 'us-east-1' }, { version: '0' });
      factories.push(factory);
      assert.equal(await factory.customEndpoint('config'), emulator.endpoint);
    } finally {
      env('AWS_PROFILE', 'env-profile');
    }
  });
});
