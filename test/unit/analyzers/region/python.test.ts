import * as assert from 'node:assert/strict';
import { createPythonRegionAnalyzer } from '../../../../src/analyzers/region/region-analyzer';
import { analyze, applyEdits, context, fixTitled } from './helpers';
import { explained } from '../../helpers/finding-text';

const analyzer = createPythonRegionAnalyzer();

describe('region analyzer: Python (boto3)', () => {
  it("a us-east-1 client with another region's constraint goes to the global endpoint and is unseen by Config", async () => {
    const text = `import boto3\n\ns3 = boto3.client('s3', region_name='us-east-1')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'ap-northeast-2'})\n`;
    const [finding] = await analyze(analyzer, 'make.py', text);
    assert.equal(finding!.rule, 'tagsight.region-mismatch');
    assert.equal(finding!.severity, 'warning');
    assert.match(
      explained(finding!),
      /global endpoint s3\.amazonaws\.com \(us-east-1\) \(client region us-east-1: [^)]+\), which creates the bucket in ap-northeast-2 but records the call's CloudTrail event in us-east-1/,
    );
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
    assert.match(explained(finding!), /boto3 does not fill one in/);
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

  it("a resource's create_bucket", async () => {
    const text = `import boto3\ns3 = boto3.resource('s3', region_name='us-east-1')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'ap-east-1'})\n`;
    const [finding] = await analyze(analyzer, 'a.py', text);
    assert.equal(finding!.severity, 'error');
    assert.match(explained(finding!), /launched after 20 March 2019/);
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
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['tagsight.region-mismatch', 'tagsight.invalid-location-constraint'],
    );
  });

  it("uses the configured region or the named profile's region", async () => {
    const text = `import boto3\ns3 = boto3.client('s3')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'sa-east-1'})\n`;
    const [finding] = await analyze(
      analyzer,
      'a.py',
      text,
      context({ configuredRegion: () => ({ region: 'us-east-1', source: 'profile "default" in ~/.aws/config' }) }),
    );
    assert.equal(finding!.properties!.regionSource, 'profile "default" in ~/.aws/config');
    const fixed = applyEdits(text, fixTitled(finding, "Set the client's region"));
    assert.match(fixed, /boto3\.client\('s3', region_name='sa-east-1'\)/);

    const profiled = context({
      configuredRegion: (tool, name) => (tool === 'boto3' && name === 'ops' ? { region: 'eu-west-1', source: 'profile "ops"' } : undefined),
    });
    const session = `import boto3\ns = boto3.Session(profile_name='ops')\ns.client('s3').create_bucket(Bucket='b')\n`;
    const [fromProfile] = await analyze(analyzer, 'a.py', session, profiled);
    assert.equal(fromProfile!.properties!.regionSource, 'profile "ops"');
    assert.equal(fromProfile!.properties!.outcome, 'fails');
  });

  it('boto3.setup_default_session decides the region of module-level clients', async () => {
    const text = `import boto3\nboto3.setup_default_session(region_name='us-east-1')\ns3 = boto3.client('s3')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'sa-east-1'})\n`;
    const [finding] = await analyze(
      analyzer,
      'a.py',
      text,
      context({ configuredRegion: () => ({ region: 'sa-east-1', source: '`AWS_REGION`' }) }),
    );
    assert.equal(finding!.properties!.clientRegion, 'us-east-1');
    const unknown = text.replace("region_name='us-east-1'", 'region_name=pick()');
    assert.deepEqual(
      await analyze(analyzer, 'a.py', unknown, context({ configuredRegion: () => ({ region: 'us-east-1', source: '`AWS_REGION`' }) })),
      [],
    );
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
    assert.equal(
      fixed.split('\n')[2],
      "s3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1', 'Tags': []})",
    );
    assert.deepEqual(await analyze(analyzer, 'a.py', fixed), []);

    const commented = `import boto3\ns3 = boto3.client(\n    's3',  # the only client\n)\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})\n`;
    const withRegion = context({ configuredRegion: () => ({ region: 'us-east-1', source: '`AWS_REGION`' }) });
    const [regional] = await analyze(analyzer, 'a.py', commented, withRegion);
    const moved = applyEdits(commented, fixTitled(regional, "Set the client's region"));
    assert.equal(moved.split('\n')[2], "    's3', region_name='eu-west-1',  # the only client");
    assert.deepEqual(await analyze(analyzer, 'a.py', moved, withRegion), []);
  });

  it('a shared client gets a client for this call only', async () => {
    const text = `import boto3\ns3 = boto3.client('s3', region_name='us-east-1')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})\ns3.put_object(Bucket='b', Key='k')\n`;
    const [finding] = await analyze(analyzer, 'a.py', text);
    const fixed = applyEdits(text, fixTitled(finding, 'Create a eu-west-1 client'));
    assert.equal(
      fixed.split('\n')[2],
      "boto3.client('s3', region_name='eu-west-1').create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})",
    );
    assert.deepEqual(await analyze(analyzer, 'a.py', fixed), []);
  });

  describe('boto3 under the names the file imports it as', () => {
    const CREATE = ".create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'ap-northeast-2'})";

    it('renamed modules, imported functions and Session classes', async () => {
      const cases = [
        `import boto3 as b3\ns3 = b3.client('s3', region_name='us-east-1')\ns3${CREATE}\n`,
        `from boto3 import client as mkclient\nmkclient('s3', region_name='us-east-1')${CREATE}\n`,
        `from boto3 import resource\nresource('s3', region_name='us-east-1')${CREATE}\n`,
        `from boto3 import Session\nSession(region_name='us-east-1').client('s3')${CREATE}\n`,
        `from boto3.session import Session as BotoSession\nBotoSession(region_name='us-east-1').client('s3')${CREATE}\n`,
        `import boto3.session\nboto3.session.Session(region_name='us-east-1').client('s3')${CREATE}\n`,
        `import boto3.session as bs\nbs.Session(region_name='us-east-1').client('s3')${CREATE}\n`,
        `from boto3 import session\nsession.Session(region_name='us-east-1').resource('s3')${CREATE}\n`,
        `from boto3 import *\nclient('s3', region_name='us-east-1')${CREATE}\n`,
      ];
      for (const text of cases) {
        const findings = await analyze(analyzer, 'a.py', text);
        assert.equal(findings.length, 1, text);
        assert.equal(findings[0]!.properties!.clientRegion, 'us-east-1', text);
      }
    });

    it('a client for this call is written with the name the file uses', async () => {
      const text = `import boto3 as b3\ns3 = b3.client('s3', region_name='us-east-1')\ns3${CREATE}\ns3.put_object(Bucket='b', Key='k')\n`;
      const [finding] = await analyze(analyzer, 'a.py', text);
      const fixed = applyEdits(text, fixTitled(finding, 'Create a ap-northeast-2 client'));
      assert.equal(fixed.split('\n')[2], `b3.client('s3', region_name='ap-northeast-2')${CREATE}`);
      assert.deepEqual(await analyze(analyzer, 'a.py', fixed), []);
    });

    it('setup_default_session decides the region of clients imported from boto3', async () => {
      const text = `from boto3 import client, setup_default_session\nsetup_default_session(region_name='ap-northeast-2')\nclient('s3')${CREATE}\n`;
      assert.deepEqual(
        await analyze(analyzer, 'a.py', text, context({ configuredRegion: () => ({ region: 'us-east-1', source: '`AWS_REGION`' }) })),
        [],
      );
      const renamed = `import boto3 as b3\nb3.setup_default_session(region_name='us-east-1')\nb3.client('s3')${CREATE}\n`;
      const [finding] = await analyze(
        analyzer,
        'a.py',
        renamed,
        context({ configuredRegion: () => ({ region: 'ap-northeast-2', source: '`AWS_REGION`' }) }),
      );
      assert.equal(finding!.properties!.clientRegion, 'us-east-1');
    });

    it('is silent for same regions and for names from other modules', async () => {
      const cases = [
        `import boto3 as b3\nb3.client('s3', region_name='ap-northeast-2')${CREATE}\n`,
        `from boto3 import client as mkclient\nmkclient('s3', region_name='ap-northeast-2')${CREATE}\n`,
        `from storage import client\nclient('s3', region_name='us-east-1')${CREATE}\n`,
        `from boto3 import resource as client\nfrom storage import resource\nresource('s3', region_name='us-east-1')${CREATE}\n`,
        `import storage as b3\nb3.client('s3', region_name='us-east-1')${CREATE}\n`,
      ];
      for (const text of cases) assert.deepEqual(await analyze(analyzer, 'a.py', text), [], text);
    });
  });

  describe('a default parameter counts only where no call in the file overrides it', () => {
    const create = (calls: string) => `import boto3

def create(name, region="us-east-1"):
    boto3.client('s3', region_name=region).create_bucket(Bucket=name, CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})

${calls}
`;

    it('calls that leave it out or pass the default itself keep it', async () => {
      for (const calls of ['', 'create("logs")', 'create("logs", region="us-east-1")\ncreate(name="data")']) {
        const findings = await analyze(analyzer, 'a.py', create(calls));
        assert.equal(findings.length, 1, calls);
        assert.equal(findings[0]!.properties!.clientRegion, 'us-east-1', calls);
      }
    });

    it('a call passing another value, a splat, or handing the function out makes it unknown', async () => {
      const calls = [
        'create("logs", region="eu-west-1")',
        'create("logs", "eu-west-1")',
        'create("logs")\ncreate("data", region=None)',
        'create(*names)',
        'create("logs", **options)',
        'list(map(create, names))',
        'job = functools.partial(create, region="eu-west-1")',
      ];
      for (const call of calls) assert.deepEqual(await analyze(analyzer, 'a.py', create(call)), [], call);
    });

    it('methods, constructors, keyword-only parameters and named lambdas', async () => {
      const method = `import boto3
class Buckets:
    def create(self, name, region='us-east-1'):
        boto3.client('s3', region_name=region).create_bucket(Bucket=name, CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})
`;
      // The object supplies \`self\`: 'logs' is \`name\`, not \`region\`.
      assert.equal((await analyze(analyzer, 'a.py', `${method}Buckets().create('logs')\n`)).length, 1);
      assert.deepEqual(await analyze(analyzer, 'a.py', `${method}Buckets().create('logs', 'eu-west-1')\n`), []);

      const constructed = `import boto3
class Buckets:
    def __init__(self, region='us-east-1'):
        self.s3 = boto3.client('s3', region_name=region)

    def create(self, name):
        self.s3.create_bucket(Bucket=name, CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})
`;
      assert.equal((await analyze(analyzer, 'a.py', `${constructed}Buckets().create('logs')\n`)).length, 1);
      assert.deepEqual(await analyze(analyzer, 'a.py', `${constructed}Buckets('eu-west-1').create('logs')\n`), []);

      const keywordOnly = `import boto3
def create(name, *, region='us-east-1'):
    boto3.client('s3', region_name=region).create_bucket(Bucket=name, CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})
`;
      assert.equal((await analyze(analyzer, 'a.py', `${keywordOnly}create('logs')\n`)).length, 1);
      assert.deepEqual(await analyze(analyzer, 'a.py', `${keywordOnly}create('logs', region='eu-west-1')\n`), []);

      const lambda = `import boto3\nmake = lambda region='us-east-1': boto3.client('s3', region_name=region).create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})\n`;
      assert.equal((await analyze(analyzer, 'a.py', `${lambda}make()\n`)).length, 1);
      assert.deepEqual(await analyze(analyzer, 'a.py', `${lambda}make('eu-west-1')\n`), []);
    });

    it('decorated functions and anonymous lambdas are called where the file does not show: unknown', async () => {
      const decorated = `import boto3
@app.route('/buckets')
def create(region='us-east-1'):
    boto3.client('s3', region_name=region).create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})
`;
      assert.deepEqual(await analyze(analyzer, 'a.py', decorated), []);
      // A cache still calls it by its name, in this file.
      const cached = decorated.replace("@app.route('/buckets')", '@functools.lru_cache(maxsize=None)');
      assert.equal((await analyze(analyzer, 'a.py', `${cached}create()\n`)).length, 1);
      assert.deepEqual(await analyze(analyzer, 'a.py', `${cached}create('eu-west-1')\n`), []);
      const callback = `import boto3\nrun(lambda region='us-east-1': boto3.client('s3', region_name=region).create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'}))\n`;
      assert.deepEqual(await analyze(analyzer, 'a.py', callback), []);
    });
  });

  it('does not throw on malformed code', async () => {
    assert.deepEqual(
      await analyze(
        analyzer,
        'a.py',
        `import boto3\ns3 = boto3.client('s3', region_name='us-east-1'\ns3.create_bucket(Bucket=, CreateBucketConfiguration={'LocationConstraint': `,
      ),
      [],
    );
  });
});
