import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { envOverrides } from '../helpers/process-env';
import { AwsClientFactory } from '../../../src/aws/clients';
import { startEmulator, type RunningEmulator } from '../../../src/emulator';

/**
 * A named SSO profile through the factory's credential chain: the SDK reads the cached SSO token, asks the SSO
 * portal (a local stand-in reached through AWS_ENDPOINT_URL_SSO) for role credentials, and signs with them.
 */
describe('AwsClientFactory with an SSO profile', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let portal: http.Server;
  const requests: Array<{ url: string; token: string | undefined }> = [];
  let home: string;
  const overrides = envOverrides();
  const env = overrides.set;

  before(async () => {
    emulator = await startEmulator({ scenario: 'incident' });
    portal = http.createServer((req, res) => {
      requests.push({ url: req.url ?? '', token: req.headers['x-amz-sso_bearer_token'] as string | undefined });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          roleCredentials: {
            accessKeyId: 'ASIASSOTEST',
            secretAccessKey: 'sso-secret',
            sessionToken: 'sso-session-token',
            expiration: Date.now() + 3_600_000,
          },
        }),
      );
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-sso-'));
    fs.mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
    fs.writeFileSync(
      path.join(home, '.aws', 'config'),
      [
        '[profile sso-dev]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = ReadOnly',
        'region = ap-northeast-2',
        '[sso-session corp]',
        'sso_start_url = https://corp.example.invalid/start',
        'sso_region = us-east-1',
        'sso_registration_scopes = sso:account:access',
        '',
      ].join('\n'),
    );
    const cacheName = createHash('sha1').update('corp').digest('hex');
    fs.writeFileSync(
      path.join(home, '.aws', 'sso', 'cache', `${cacheName}.json`),
      JSON.stringify({
        accessToken: 'cached-sso-token',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        region: 'us-east-1',
        startUrl: 'https://corp.example.invalid/start',
      }),
    );
    env('HOME', home);
    env('AWS_CONFIG_FILE', path.join(home, '.aws', 'config'));
    env('AWS_SHARED_CREDENTIALS_FILE', path.join(home, '.aws', 'credentials'));
    env('AWS_ENDPOINT_URL_SSO', `http://127.0.0.1:${(portal.address() as AddressInfo).port}`);
    for (const key of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_ENDPOINT_URL'])
      env(key, undefined);
  });

  after(async () => {
    overrides.restore();
    await new Promise<void>((resolve) => portal.close(() => resolve()));
    await emulator.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('signs with the role credentials the SSO portal gives for the cached token', async () => {
    const factory = new AwsClientFactory({ profile: 'sso-dev', endpointUrl: emulator.endpoint }, { version: '0' });
    try {
      assert.equal(await factory.homeRegion(), 'ap-northeast-2', 'the profile region');
      const identity = await factory.sts('ap-northeast-2').send(new GetCallerIdentityCommand({}));
      assert.equal(identity.Account, '123456789012');
      assert.equal(requests.length, 1);
      assert.equal(requests[0]!.token, 'cached-sso-token');
      assert.match(requests[0]!.url, /role_name=ReadOnly/);
      assert.match(requests[0]!.url, /account_id=123456789012/);
    } finally {
      factory.destroy();
    }
  });
});
