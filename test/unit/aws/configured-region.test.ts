import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfiguredRegions } from '../../../src/aws/configured-region';
import type { RegionLookupTool } from '../../../src/core/configured-region';

describe('configured region, tool by tool', () => {
  let dir: string;
  let configFile: string;
  let credentialsFile: string;
  /** The shared files of this test only: never the machine's ~/.aws. */
  let files: Record<string, string>;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-region-'));
    configFile = path.join(dir, 'config');
    credentialsFile = path.join(dir, 'credentials');
    fs.writeFileSync(
      configFile,
      '[default]\nregion = eu-west-3\n\n[profile ops]\nregion = ap-northeast-2\n\n[profile bare]\noutput = json\n\n[profile keys]\nregion = eu-north-1\n',
    );
    fs.writeFileSync(credentialsFile, '[keys]\naws_access_key_id = x\nregion = ca-central-1\n\n[ops]\naws_access_key_id = y\n');
    files = { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile };
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const lookup = async (env: Record<string, string>, assumedRegion?: string) =>
    loadConfiguredRegions({ env: { ...files, ...env }, ...(assumedRegion !== undefined ? { assumedRegion } : {}) });
  const regionsOf = async (env: Record<string, string>) => {
    const find = await lookup(env);
    const tools: RegionLookupTool[] = ['js-v3', 'js-v2', 'boto3', 'aws-cli'];
    return Object.fromEntries(tools.map((tool) => [tool, find(tool)?.region]));
  };

  it('the setting comes first, for every tool and even for a profile named in code', async () => {
    const find = await lookup({ AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'us-east-2' }, 'sa-east-1');
    for (const tool of ['js-v3', 'js-v2', 'boto3', 'aws-cli'] as const) {
      assert.deepEqual(find(tool), { region: 'sa-east-1', source: 'setting `tagsight.regionCheck.assumedRegion`' });
    }
    assert.equal(find('boto3', 'ops')?.region, 'sa-east-1');
    assert.equal((await lookup({}, ' '))('js-v3')?.region, 'eu-west-3', 'a blank setting is unset');
  });

  it('AWS_REGION: SDK v3, SDK v2 and the CLI read it; boto3 does not', async () => {
    assert.deepEqual(await regionsOf({ AWS_REGION: 'us-west-2' }), {
      'js-v3': 'us-west-2',
      'js-v2': 'us-west-2',
      boto3: 'eu-west-3',
      'aws-cli': 'us-west-2',
    });
    const find = await lookup({ AWS_REGION: 'us-west-2' });
    assert.equal(find('boto3')?.source, `profile "default" in ${configFile} (boto3 ignores \`AWS_REGION\`)`);
    assert.equal(find('aws-cli')?.source, '`AWS_REGION` (the AWS CLI v2 reads it; v1 reads only `AWS_DEFAULT_REGION`)');
    assert.equal(find('js-v3')?.source, '`AWS_REGION`');
  });

  it('AWS_DEFAULT_REGION: boto3 and the CLI read it; the JavaScript SDKs do not', async () => {
    assert.deepEqual(await regionsOf({ AWS_DEFAULT_REGION: 'us-east-2' }), {
      'js-v3': 'eu-west-3',
      'js-v2': undefined,
      boto3: 'us-east-2',
      'aws-cli': 'us-east-2',
    });
    const both = await lookup({ AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'us-east-2' });
    assert.deepEqual(both('boto3'), { region: 'us-east-2', source: '`AWS_DEFAULT_REGION` (boto3 reads it; it ignores `AWS_REGION`)' });
    assert.equal(both('aws-cli')?.region, 'us-west-2', 'the CLI v2 reads AWS_REGION first');
    assert.equal(both('js-v3')?.source, '`AWS_REGION` (the JavaScript SDK v3 reads it; it ignores `AWS_DEFAULT_REGION`)');
  });

  it('SDK v2: AMAZON_REGION after AWS_REGION; the shared files only with AWS_SDK_LOAD_CONFIG', async () => {
    assert.equal((await lookup({ AMAZON_REGION: 'eu-south-1' }))('js-v2')?.source, '`AMAZON_REGION`');
    assert.equal((await lookup({ AMAZON_REGION: 'eu-south-1' }))('js-v3')?.region, 'eu-west-3', 'SDK v3 does not read AMAZON_REGION');
    assert.equal((await lookup({}))('js-v2'), undefined);
    assert.deepEqual((await lookup({ AWS_SDK_LOAD_CONFIG: '1' }))('js-v2'), {
      region: 'eu-west-3',
      source: `profile "default" in ${configFile} (read because \`AWS_SDK_LOAD_CONFIG\` is set)`,
    });
  });

  it("the profile: named in code, else each tool's own variables, else default; the credentials file first", async () => {
    const find = await lookup({ AWS_PROFILE: 'ops', AWS_DEFAULT_PROFILE: 'keys' });
    assert.deepEqual(find('js-v3'), { region: 'ap-northeast-2', source: `profile "ops" (\`AWS_PROFILE\`) in ${configFile}` });
    assert.deepEqual(find('aws-cli'), { region: 'ap-northeast-2', source: `profile "ops" (\`AWS_PROFILE\`) in ${configFile}` });
    assert.deepEqual(
      find('boto3'),
      { region: 'ca-central-1', source: `profile "keys" (\`AWS_DEFAULT_PROFILE\`) in ${credentialsFile}` },
      'boto3 reads AWS_DEFAULT_PROFILE first',
    );
    assert.deepEqual(find('boto3', 'ops'), { region: 'ap-northeast-2', source: `profile "ops" in ${configFile}` });
    assert.equal(find('aws-cli', 'bare'), undefined);
    assert.equal(find('aws-cli', 'nobody'), undefined);
    const withEnv = await lookup({ AWS_DEFAULT_REGION: 'us-east-2' });
    assert.equal(withEnv('boto3', 'ops')?.source, '`AWS_DEFAULT_REGION`', 'the region variable wins over a named profile');
  });

  it('no region anywhere: undefined, and missing files are no error', async () => {
    const none = await loadConfiguredRegions({
      env: { AWS_CONFIG_FILE: path.join(dir, 'missing'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'missing') },
    });
    assert.equal(none('js-v3'), undefined);
    assert.equal(none('boto3', 'ops'), undefined);
  });
});
