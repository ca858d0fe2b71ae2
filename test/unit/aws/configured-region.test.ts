import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createProfileRegionLookup, resolveConfiguredRegion } from '../../../src/aws/configured-region';

describe('configured region', () => {
  let dir: string;
  let configFile: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-region-'));
    configFile = path.join(dir, 'config');
    fs.writeFileSync(configFile, '[default]\nregion = eu-west-3\n\n[profile ops]\nregion = ap-northeast-2\n\n[profile bare]\noutput = json\n');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prefers the setting, then AWS_REGION, then AWS_DEFAULT_REGION', async () => {
    const env = { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'us-east-2', AWS_CONFIG_FILE: configFile };
    assert.deepEqual(await resolveConfiguredRegion({ assumedRegion: 'sa-east-1', env }), { region: 'sa-east-1', source: 'setting `tagsight.regionCheck.assumedRegion`' });
    assert.deepEqual(await resolveConfiguredRegion({ assumedRegion: '', env }), { region: 'us-west-2', source: '`AWS_REGION`' });
    assert.deepEqual(await resolveConfiguredRegion({ env: { AWS_DEFAULT_REGION: 'us-east-2' } }), { region: 'us-east-2', source: '`AWS_DEFAULT_REGION`' });
  });

  it('falls back to the profile\'s region in the shared config file', async () => {
    assert.deepEqual(await resolveConfiguredRegion({ env: { AWS_CONFIG_FILE: configFile } }), { region: 'eu-west-3', source: `profile "default" in ${configFile}` });
    assert.equal((await resolveConfiguredRegion({ env: { AWS_CONFIG_FILE: configFile, AWS_PROFILE: 'ops' } }))?.region, 'ap-northeast-2');
    assert.equal((await resolveConfiguredRegion({ env: { AWS_CONFIG_FILE: configFile }, profile: 'ops' }))?.region, 'ap-northeast-2');
    assert.equal(await resolveConfiguredRegion({ env: { AWS_CONFIG_FILE: configFile, AWS_PROFILE: 'bare' } }), undefined);
    assert.equal(await resolveConfiguredRegion({ env: { AWS_CONFIG_FILE: path.join(dir, 'missing') } }), undefined);
  });

  it('the synchronous lookup for analyzers applies the same order', async () => {
    const lookup = await createProfileRegionLookup({ env: { AWS_CONFIG_FILE: configFile } });
    assert.equal(lookup('ops')?.region, 'ap-northeast-2');
    assert.equal(lookup('nobody'), undefined);
    const withEnv = await createProfileRegionLookup({ env: { AWS_CONFIG_FILE: configFile, AWS_REGION: 'ca-central-1' } });
    assert.equal(withEnv('ops')?.source, '`AWS_REGION`');
  });
});
