import * as assert from 'node:assert/strict';
import { createPythonRegionAnalyzer } from '../../../../src/analyzers/region/region-analyzer';
import { analyze, applyEdits, context, fixTitled } from './helpers';

const analyzer = createPythonRegionAnalyzer();

describe('region analyzer: Python (boto3)', () => {
  it('a us-east-1 client with another region\'s constraint goes to the global endpoint and is unseen by Config', async () => {
    const text = `import boto3\n\ns3 = boto3.client('s3', region_name='us-east-1')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'ap-northeast-2'})\n`;
    const [finding] = await analyze(analyzer, 'make.py', text);
    assert.equal(finding!.rule, 'tagsight.region-mismatch');
    assert.equal(finding!.severity, 'warning');
    assert.match(finding!.message, /global endpoint s3\.amazonaws\.com \(us-east-1\) \(client region us-east-1: [^)]+\), which creates the bucket in ap-northeast-2 but records the call's CloudTrail event in us-east-1/);
    assert.equal(finding!.properties!.tool, 'boto3');
    const fixed = applyEdits(text, fixTitled(finding, "Set the client's region"));
    assert.match(fixed, /region_name='ap-northeast-2'/);
    assert.deepEqual(await analyze(analyzer, 'make.py', fixed), []);
  });

  it('boto3 in us-east-1 with no constraint is fine; same regions are fine', async () => {
    const cases = [
      `import boto3\ns3 = boto3.client('s3', region_name='us-east-1')\ns3.create_bucket(Bucket='b')\n`,
      `import boto3\ns3 = boto3.client('s3', region_name='eu-west-1')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})\n`,
      `import boto3\ns3 = boto3.client('s3', region_name='eu-west-1')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'EU'})\n`,
    ];
    for (const text of cases) assert.deepEqual(await analyze(analyzer, 'a.py', text), [], text);
  });

  it('a regional client without a constraint fails; the fix adds the constraint', async () => {
    const text = `import boto3\ns3 = boto3.client('s3', region_name='eu-west-1')\ns3.create_bucket(Bucket='b')\n`;
    const [finding] = await analyze(analyzer, 'a.py', text);
    assert.equal(finding!.severity, 'error');
    assert.match(finding!.message, /IllegalLocationConstraintException/);
    assert.match(finding!.message, /boto3 does not fill one in/);
    const fixed = applyEdits(text, fixTitled(finding, 'Add LocationConstraint'));
    assert.equal(fixed.split('\n')[2], "s3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})");
    assert.deepEqual(await analyze(analyzer, 'a.py', fixed), []);
  });

  it('sessions, resources, Bucket().create, dict() and ** splats', async () => {
    const text = `import boto3
REGION = "us-east-1"
CONFIG = dict(LocationConstraint="eu-west-1")
session = boto3.Session(region_name=REGION)
s3 = session.resource("s3")
s3.Bucket("b").create(**{"CreateBucketConfiguration": CONFIG})
`;
    const [finding] = await analyze(analyzer, 'a.py', text);
    assert.equal(finding!.properties!.clientRegion, 'us-east-1');
    assert.equal(finding!.properties!.regionSource, '`REGION` in code');
    const fixed = applyEdits(text, fixTitled(finding, "Set the client's region"));
    assert.match(fixed, /REGION = "eu-west-1"/);
  });

  it('a resource\'s create_bucket', async () => {
    const text = `import boto3\ns3 = boto3.resource('s3', region_name='us-east-1')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'ap-east-1'})\n`;
    const [finding] = await analyze(analyzer, 'a.py', text);
    assert.equal(finding!.severity, 'error');
    assert.match(finding!.message, /launched after 20 March 2019/);
  });

  it('default parameters are followed; parameters without defaults and loops are unknown', async () => {
    const withDefault = `import boto3\ndef make(name, region='us-east-1'):\n    boto3.client('s3', region_name=region).create_bucket(Bucket=name, CreateBucketConfiguration={'LocationConstraint': 'sa-east-1'})\n`;
    assert.equal((await analyze(analyzer, 'a.py', withDefault)).length, 1);
    const unknowns = [
      `import boto3\ndef make(name, region):\n    boto3.client('s3', region_name=region).create_bucket(Bucket=name, CreateBucketConfiguration={'LocationConstraint': 'sa-east-1'})\n`,
      `import boto3\nfor region in REGIONS:\n    boto3.client('s3', region_name=region).create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'sa-east-1'})\n`,
      `import boto3\ns3 = boto3.client('s3', region_name=os.environ['R'])\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'sa-east-1'})\n`,
      `import boto3\ns3 = boto3.client('s3', region_name='us-east-1')\ns3.create_bucket(**kwargs)\n`,
      `import boto3\ns3 = boto3.client('s3', region_name='us-east-1')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': f'{x}-1'})\n`,
      `import boto3\ns3 = boto3.client('s3', region_name='us-east-1', endpoint_url='http://localhost:4566')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'sa-east-1'})\n`,
      `import boto3\ns3 = boto3.client('s3')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'sa-east-1'})\n`,
    ];
    for (const text of unknowns) assert.deepEqual(await analyze(analyzer, 'a.py', text), [], text);
  });

  it('resolves names by scope', async () => {
    const text = `import boto3
s3 = boto3.client('s3', region_name='us-east-1')

def a():
    config = {'LocationConstraint': 'eu-west-1'}
    s3.create_bucket(Bucket='a', CreateBucketConfiguration=config)

def b():
    config = {'LocationConstraint': 'us-east-1'}
    s3.create_bucket(Bucket='b', CreateBucketConfiguration=config)

def c(config):
    s3.create_bucket(Bucket='c', CreateBucketConfiguration=config)
`;
    const findings = await analyze(analyzer, 'a.py', text);
    assert.deepEqual(findings.map((f) => f.rule), ['tagsight.region-mismatch', 'tagsight.invalid-location-constraint']);
  });

  it('uses the configured region or the named profile\'s region', async () => {
    const text = `import boto3\ns3 = boto3.client('s3')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'sa-east-1'})\n`;
    const [finding] = await analyze(analyzer, 'a.py', text, context({ configuredRegion: { region: 'us-east-1', source: 'profile "default" in ~/.aws/config' } }));
    assert.equal(finding!.properties!.regionSource, 'profile "default" in ~/.aws/config');
    const fixed = applyEdits(text, fixTitled(finding, "Set the client's region"));
    assert.match(fixed, /boto3\.client\('s3', region_name='sa-east-1'\)/);

    const profiled = createPythonRegionAnalyzer({ profileRegion: (name) => (name === 'ops' ? { region: 'eu-west-1', source: 'profile "ops"' } : undefined) });
    const session = `import boto3\ns = boto3.Session(profile_name='ops')\ns.client('s3').create_bucket(Bucket='b')\n`;
    const [fromProfile] = await analyze(profiled, 'a.py', session);
    assert.equal(fromProfile!.properties!.regionSource, 'profile "ops"');
    assert.equal(fromProfile!.properties!.outcome, 'fails');
  });

  it('boto3.setup_default_session decides the region of module-level clients', async () => {
    const text = `import boto3\nboto3.setup_default_session(region_name='us-east-1')\ns3 = boto3.client('s3')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'sa-east-1'})\n`;
    const [finding] = await analyze(analyzer, 'a.py', text, context({ configuredRegion: { region: 'sa-east-1', source: '`AWS_REGION`' } }));
    assert.equal(finding!.properties!.clientRegion, 'us-east-1');
    const unknown = text.replace("region_name='us-east-1'", 'region_name=pick()');
    assert.deepEqual(await analyze(analyzer, 'a.py', unknown, context({ configuredRegion: { region: 'us-east-1', source: '`AWS_REGION`' } })), []);
  });

  it('an explicit us-east-1 constraint: error and removal', async () => {
    const text = `import boto3\ns3 = boto3.client('s3', region_name='us-east-1')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'us-east-1'})\n`;
    const [finding] = await analyze(analyzer, 'a.py', text);
    assert.equal(finding!.rule, 'tagsight.invalid-location-constraint');
    const fixed = applyEdits(text, fixTitled(finding, 'Remove'));
    assert.equal(fixed.split('\n')[2], "s3.create_bucket(Bucket='b')");
  });

  it('removing a us-east-1 constraint keeps the other configuration keys', async () => {
    const text = `import boto3\ns3 = boto3.client('s3', region_name='us-east-1')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'us-east-1', 'Tags': []})\n`;
    const [finding] = await analyze(analyzer, 'a.py', text);
    const fixed = applyEdits(text, fixTitled(finding, 'Remove'));
    assert.equal(fixed.split('\n')[2], "s3.create_bucket(Bucket='b', CreateBucketConfiguration={'Tags': []})");
    assert.deepEqual(await analyze(analyzer, 'a.py', fixed), []);
  });

  it('the missing constraint is added into a written configuration, and region arguments after a trailing comment', async () => {
    const text = `import boto3\ns3 = boto3.client('s3', region_name='eu-west-1')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'Tags': []})\n`;
    const [finding] = await analyze(analyzer, 'a.py', text);
    const fixed = applyEdits(text, fixTitled(finding, 'Add LocationConstraint'));
    assert.equal(fixed.split('\n')[2], "s3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1', 'Tags': []})");
    assert.deepEqual(await analyze(analyzer, 'a.py', fixed), []);

    const commented = `import boto3\ns3 = boto3.client(\n    's3',  # the only client\n)\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})\n`;
    const withRegion = context({ configuredRegion: { region: 'us-east-1', source: '`AWS_REGION`' } });
    const [regional] = await analyze(analyzer, 'a.py', commented, withRegion);
    const moved = applyEdits(commented, fixTitled(regional, "Set the client's region"));
    assert.equal(moved.split('\n')[2], "    's3', region_name='eu-west-1',  # the only client");
    assert.deepEqual(await analyze(analyzer, 'a.py', moved, withRegion), []);
  });

  it('a shared client gets a client for this call only', async () => {
    const text = `import boto3\ns3 = boto3.client('s3', region_name='us-east-1')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})\ns3.put_object(Bucket='b', Key='k')\n`;
    const [finding] = await analyze(analyzer, 'a.py', text);
    const fixed = applyEdits(text, fixTitled(finding, 'Create a eu-west-1 client'));
    assert.equal(fixed.split('\n')[2], "boto3.client('s3', region_name='eu-west-1').create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})");
    assert.deepEqual(await analyze(analyzer, 'a.py', fixed), []);
  });

  it('does not throw on malformed code', async () => {
    assert.deepEqual(await analyze(analyzer, 'a.py', `import boto3\ns3 = boto3.client('s3', region_name='us-east-1'\ns3.create_bucket(Bucket=, CreateBucketConfiguration={'LocationConstraint': `), []);
  });
});
