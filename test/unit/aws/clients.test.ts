import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetBucketLocationCommand } from '@aws-sdk/client-s3';
import { ListTagsForResourceCommand } from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { AwsClientFactory, DEFAULT_MAX_ATTEMPTS } from '../../../src/aws/clients';
import { listProfiles } from '../../../src/aws/profiles';
import { startEmulator, type RunningEmulator } from '../../../src/emulator';
import { withEnv } from '../helpers/process-env';
import { requestTarget } from '../helpers/sdk-request';

const dummy = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };

/**
 * The URL the factory's S3 client resolves for a bucket, given the `Endpoint` parameter the SDK derives from
 * whichever custom endpoint applies (none: AWS). A host name, not an IP, so that only the path-style rule
 * (not the SDK's own fallback for IP endpoints) can put the bucket in the path.
 */
function s3UrlFor(factory: AwsClientFactory, endpoint: string | undefined, region = 'eu-west-1'): string {
  const provider = factory.s3(region).config.endpointProvider as unknown as (
    params: Record<string, unknown>,
    context: unknown,
  ) => { url: URL };
  return provider(
    {
      Bucket: 'some-bucket',
      Region: region,
      UseFIPS: false,
      UseDualStack: false,
      Accelerate: false,
      ...(endpoint ? { Endpoint: endpoint } : {}),
    },
    {},
  ).url.href;
}

describe('AwsClientFactory', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ scenario: 'incident' });
  });
  after(async () => {
    await emulator.close();
  });

  it('caches one client per service and region, with adaptive retry, bounded attempts and the user agent', async () => {
    const factory = new AwsClientFactory({ endpointUrl: emulator.endpoint, region: 'us-east-1', credentials: dummy }, { version: '1.2.3' });
    try {
      assert.equal(factory.config('eu-west-1'), factory.config('eu-west-1'));
      assert.notEqual(factory.config('eu-west-1'), factory.config('eu-west-2'));
      const config = factory.config('eu-west-1').config;
      const strategy = await config.retryStrategy();
      assert.equal((strategy as { mode?: string }).mode, 'adaptive');
      assert.equal(await config.maxAttempts(), DEFAULT_MAX_ATTEMPTS);
      assert.deepEqual(config.customUserAgent, [['tagsight/1.2.3']]);
      assert.equal(
        s3UrlFor(factory, 'http://localhost:4566'),
        'http://localhost:4566/some-bucket',
        'path style whenever a custom endpoint applies',
      );
      assert.equal(
        s3UrlFor(factory, undefined),
        'https://some-bucket.s3.eu-west-1.amazonaws.com/',
        'AWS itself keeps virtual-hosted style',
      );
    } finally {
      factory.destroy();
    }
  });

  it('leaves AWS_ENDPOINT_URL to the SDK, and still uses path style for S3 then', async () => {
    await withEnv(
      {
        AWS_ENDPOINT_URL: emulator.endpoint,
        AWS_ACCESS_KEY_ID: dummy.accessKeyId,
        AWS_SECRET_ACCESS_KEY: dummy.secretAccessKey,
        AWS_PROFILE: undefined,
      },
      async () => {
        const factory = new AwsClientFactory({ region: 'us-east-1' }, { version: '0' });
        try {
          assert.equal(await factory.customEndpoint('config'), emulator.endpoint);
          const identity = await factory.sts('us-east-1').send(new GetCallerIdentityCommand({}));
          assert.equal(identity.Account, '123456789012', 'the call reached the emulator through AWS_ENDPOINT_URL');
          assert.equal(s3UrlFor(factory, emulator.endpoint, 'us-east-1'), `${emulator.endpoint}/some-bucket`);
        } finally {
          factory.destroy();
        }
      },
    );
  });

  it('prefers the service-specific AWS_ENDPOINT_URL_<SERVICE>', async () => {
    await withEnv(
      {
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_ENDPOINT_URL_STS: emulator.endpoint,
        AWS_ACCESS_KEY_ID: dummy.accessKeyId,
        AWS_SECRET_ACCESS_KEY: dummy.secretAccessKey,
      },
      async () => {
        const factory = new AwsClientFactory({ region: 'us-east-1' }, { version: '0' });
        try {
          assert.equal(await factory.customEndpoint('sts'), emulator.endpoint);
          assert.equal((await factory.sts('us-east-1').send(new GetCallerIdentityCommand({}))).Account, '123456789012');
        } finally {
          factory.destroy();
        }
      },
    );
  });

  // S3 Control's rules put the account id in front of the endpoint's host (`123456789012.127.0.0.1`).
  const listBucketTags = (factory: AwsClientFactory) =>
    factory
      .s3Control('ap-northeast-2')
      .send(new ListTagsForResourceCommand({ AccountId: '123456789012', ResourceArn: 'arn:aws:s3:::rnd-transcribe-test' }));

  it('sends S3 Control calls to the endpoint setting as given, without the account id in the host', async () => {
    const factory = new AwsClientFactory(
      { endpointUrl: emulator.endpoint, region: 'us-east-1', credentials: dummy },
      { version: '0', maxAttempts: 1 },
    );
    try {
      const answer = await listBucketTags(factory);
      assert.equal(answer.$metadata.httpStatusCode, 200);
      assert.ok(emulator.calls().some((call) => call.operation === 'ListTagsForResource' && call.region === 'ap-northeast-2'));
    } finally {
      factory.destroy();
    }
  });

  for (const variable of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3_CONTROL']) {
    it(`sends S3 Control calls to ${variable} as given`, async () => {
      await withEnv({ AWS_ENDPOINT_URL: undefined, [variable]: emulator.endpoint, AWS_PROFILE: undefined }, async () => {
        const factory = new AwsClientFactory({ region: 'us-east-1', credentials: dummy }, { version: '0', maxAttempts: 1 });
        try {
          assert.equal((await listBucketTags(factory)).$metadata.httpStatusCode, 200);
        } finally {
          factory.destroy();
        }
      });
    });
  }

  it("uses path style for S3 when the endpoint comes from the AWS_PROFILE profile's endpoint_url", async () => {
    // A host name, not 127.0.0.1: for an IP address the SDK's rules choose path style by themselves.
    const endpoint = 'http://emulator.localhost:4566';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-aws-'));
    const configFile = path.join(dir, 'config');
    fs.writeFileSync(configFile, `[profile emu]\nregion = us-east-1\nendpoint_url = ${endpoint}\n`);
    try {
      await withEnv(
        {
          AWS_CONFIG_FILE: configFile,
          AWS_PROFILE: 'emu',
          AWS_ENDPOINT_URL: undefined,
          AWS_ENDPOINT_URL_S3: undefined,
          AWS_ENDPOINT_URL_S3_CONTROL: undefined,
        },
        async () => {
          const factory = new AwsClientFactory({ region: 'us-east-1', credentials: dummy }, { version: '0', maxAttempts: 1 });
          try {
            const s3 = factory.s3('ap-northeast-2');
            const s3Control = factory.s3Control('ap-northeast-2');
            assert.deepEqual(await requestTarget(s3, () => s3.send(new GetBucketLocationCommand({ Bucket: 'rnd-transcribe-test' }))), [
              'emulator.localhost',
              '/rnd-transcribe-test/',
            ]);
            const tags = () =>
              s3Control.send(
                new ListTagsForResourceCommand({ AccountId: '123456789012', ResourceArn: 'arn:aws:s3:::rnd-transcribe-test' }),
              );
            assert.equal((await requestTarget(s3Control, tags))[0], 'emulator.localhost', 'S3 Control from the profile too');
          } finally {
            factory.destroy();
          }
        },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes the home region from AWS_REGION, then a named profile's region", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-aws-'));
    const configFile = path.join(dir, 'config');
    fs.writeFileSync(configFile, '[profile seoul]\nregion = ap-northeast-2\n');
    try {
      await withEnv({ AWS_REGION: 'eu-west-3', AWS_DEFAULT_REGION: undefined, AWS_CONFIG_FILE: configFile }, async () => {
        assert.equal(await new AwsClientFactory({}, { version: '0' }).homeRegion(), 'eu-west-3');
      });
      await withEnv({ AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_CONFIG_FILE: configFile }, async () => {
        assert.equal(await new AwsClientFactory({ profile: 'seoul' }, { version: '0' }).homeRegion(), 'ap-northeast-2');
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('listProfiles', () => {
  it('lists profiles of both files, fresh each time, without sso-session sections or secrets', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-aws-'));
    const configFile = path.join(dir, 'config');
    const credentialsFile = path.join(dir, 'credentials');
    fs.writeFileSync(
      configFile,
      '[default]\nregion = us-east-1\n[profile dev]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = r\nregion = eu-west-1\n[sso-session corp]\nsso_start_url = https://example.invalid/start\nsso_region = eu-west-1\n',
    );
    fs.writeFileSync(credentialsFile, '[ci]\naws_access_key_id = AKIDSECRET\naws_secret_access_key = shh\n');
    try {
      await withEnv({ AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile }, async () => {
        const profiles = await listProfiles();
        assert.deepEqual(
          profiles.map((profile) => [profile.name, profile.kind, profile.region]),
          [
            ['ci', 'keys', undefined],
            ['default', 'other', 'us-east-1'],
            ['dev', 'sso', 'eu-west-1'],
          ],
        );
        assert.ok(!JSON.stringify(profiles).includes('AKIDSECRET'), 'no secret leaves the loader');
        fs.appendFileSync(configFile, '[profile added]\nregion = us-west-2\n');
        assert.ok(
          (await listProfiles()).some((profile) => profile.name === 'added'),
          're-read, not cached',
        );
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
