import * as assert from 'node:assert/strict';
import { createJavaScriptRegionAnalyzer } from '../../../../src/analyzers/region/region-analyzer';
import { analyze, applyEdits, context, fixTitled } from './helpers';
import { explained } from '../../helpers/finding-text';

const analyzer = createJavaScriptRegionAnalyzer();
const V3 = "import { S3Client, S3, CreateBucketCommand } from '@aws-sdk/client-s3';\n";

const INCIDENT = `${V3}const s3 = new S3Client({ region: 'us-east-1' });

export async function createServiceBucket(name: string) {
  await s3.send(new CreateBucketCommand({
    Bucket: name,
    CreateBucketConfiguration: { LocationConstraint: 'ap-northeast-2' },
  }));
}
`;

describe('region analyzer: JavaScript / TypeScript', () => {
  it('warns on the incident: a us-east-1 S3Client creating an ap-northeast-2 bucket', async () => {
    const [finding, ...rest] = await analyze(analyzer, 'src/buckets.ts', INCIDENT);
    assert.equal(rest.length, 0);
    assert.equal(finding!.rule, 'tagsight.region-mismatch');
    assert.equal(finding!.severity, 'warning');
    assert.match(explained(finding!), /recorded in us-east-1, not in ap-northeast-2/);
    assert.match(explained(finding!), /likely to learn of the bucket only at its periodic sweep/);
    // JS v3 sends us-east-1 calls to the regional endpoint, whose acceptance of a foreign constraint is UNCONFIRMED.
    assert.match(explained(finding!), /does not document this endpoint accepting another region's constraint; if it does/);
    assert.match(explained(finding!), /likely cause: AWS documents neither how Config picks up such calls nor how often it sweeps/);
    assert.equal(
      finding!.message,
      'This ap-northeast-2 bucket is created through us-east-1, so Config in ap-northeast-2 likely sees it only at its periodic sweep; use a client in ap-northeast-2.',
    );
    assert.deepEqual(
      { ...finding!.properties },
      {
        clientRegion: 'us-east-1',
        locationConstraint: 'ap-northeast-2',
        regionSource: 'set in code',
        outcome: 'unseen-by-config',
        tool: 'js-v3',
        bucketRegion: 'ap-northeast-2',
        endpointRegion: 'us-east-1',
        exception: undefined,
      },
    );
    assert.equal(finding!.range.start.line, 4);
  });

  it('the quick fix sets the client region literal, and the result is clean', async () => {
    const [finding] = await analyze(analyzer, 'a.ts', INCIDENT);
    const fixed = applyEdits(INCIDENT, fixTitled(finding, "Set the client's region"));
    assert.match(fixed, /new S3Client\(\{ region: 'ap-northeast-2' \}\)/);
    assert.deepEqual(await analyze(analyzer, 'a.ts', fixed), []);
  });

  it('says whether the calling region has a recorder and lowers the severity when it does', async () => {
    const withRecorder = await analyze(analyzer, 'a.ts', INCIDENT, context({ recordedRegions: new Set(['us-east-1']) }));
    assert.equal(withRecorder[0]!.severity, 'information');
    assert.match(explained(withRecorder[0]!), /has a recorder in us-east-1/);
    const without = await analyze(analyzer, 'a.ts', INCIDENT, context({ recordedRegions: new Set(['ap-northeast-2']) }));
    assert.equal(without[0]!.severity, 'warning');
    assert.match(explained(without[0]!), /has no recorder in us-east-1/);
  });

  it('follows constants, spreads, default parameters and template literals', async () => {
    const text = `${V3}const HOME = \`us-east-1\`;
const base = { region: HOME };
const TARGET = 'eu-west-1';
const s3 = new S3Client({ ...base, maxAttempts: 3 });
export async function make(name: string, where = TARGET) {
  const params = { Bucket: name, CreateBucketConfiguration: { LocationConstraint: where } };
  return s3.send(new CreateBucketCommand(params));
}
`;
    const [finding] = await analyze(analyzer, 'a.ts', text);
    assert.equal(finding!.properties!.clientRegion, 'us-east-1');
    assert.equal(finding!.properties!.locationConstraint, 'eu-west-1');
    assert.equal(finding!.properties!.regionSource, '`HOME` in code');
    // The fix edits the constant where it is defined.
    const fixed = applyEdits(text, fixTitled(finding, "Set the client's region"));
    assert.match(fixed, /const HOME = `eu-west-1`;/);
  });

  it('a later key after a spread wins; an unknown spread hides the region', async () => {
    const later = `${V3}const base = { region: 'eu-west-1' };
const s3 = new S3Client({ ...base, region: 'us-east-1' });
await s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
`;
    assert.equal((await analyze(analyzer, 'a.ts', later))[0]!.properties!.clientRegion, 'us-east-1');
    const unknown = `${V3}const s3 = new S3Client({ region: 'us-east-1', ...loadOptions() });
await s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
`;
    assert.deepEqual(await analyze(analyzer, 'a.ts', unknown), []);
  });

  it('resolves names by scope: the same name in several functions, and parameters that shadow a constant', async () => {
    const text = `${V3}const s3 = new S3Client({ region: 'us-east-1' });
export async function a(name: string) {
  const params = { Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } };
  await s3.send(new CreateBucketCommand(params));
}
export async function b(name: string) {
  const params = { Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'us-east-1' } };
  await s3.send(new CreateBucketCommand(params));
}
`;
    const findings = await analyze(analyzer, 'a.ts', text);
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['tagsight.region-mismatch', 'tagsight.invalid-location-constraint'],
    );
    const shadowed = `${V3}const region = 'us-east-1';
export async function c(region: string) {
  await new S3Client({ region }).send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
}
`;
    assert.deepEqual(await analyze(analyzer, 'a.ts', shadowed), []);
  });

  it('follows a client held in a class field', async () => {
    const text = `${V3}export class Buckets {
  private readonly s3 = new S3Client({ region: 'us-east-1' });
  async create(name: string) {
    await this.s3.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
  }
}
`;
    const [finding] = await analyze(analyzer, 'a.ts', text);
    assert.equal(finding!.properties!.clientRegion, 'us-east-1');
    assert.equal(finding!.resource, 'this.s3.send(new CreateBucketCommand(...))');
    const reassigned = text.replace('  async create', '  use(other: S3Client) { this.s3 = other; }\n  async create');
    assert.deepEqual(await analyze(analyzer, 'a.ts', reassigned), []);
  });

  it('never reports values it cannot know', async () => {
    const cases = [
      `${V3}const s3 = new S3Client({ region: process.env.REGION });\nawait s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));`,
      `${V3}const s3 = new S3Client({ region: 'us-east-1' });\nawait s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: target } }));`,
      `${V3}const s3 = new S3Client({ region: 'us-east-1' });\nawait s3.send(new CreateBucketCommand(input));`,
      `${V3}let r = 'us-east-1';\nr = pick();\nconst s3 = new S3Client({ region: r });\nawait s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));`,
      `${V3}const s3 = new S3Client({ region: 'us-east-1', endpoint: 'http://localhost:4566' });\nawait s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));`,
      `${V3}const s3 = new S3Client({ region: \`\${prefix}-1\` });\nawait s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));`,
      // No region in code and nothing configured: nothing is assumed.
      `${V3}const s3 = new S3Client({});\nawait s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));`,
    ];
    for (const text of cases) assert.deepEqual(await analyze(analyzer, 'a.ts', text), [], text);
  });

  it('is silent when the regions agree, and for us-east-1 without a constraint', async () => {
    const same = `${V3}const s3 = new S3Client({ region: 'eu-west-1' });\nawait s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));`;
    const home = `${V3}const s3 = new S3Client({ region: 'us-east-1' });\nawait s3.send(new CreateBucketCommand({ Bucket: 'b' }));`;
    const filled = `${V3}const s3 = new S3Client({ region: 'ap-east-1' });\nawait s3.send(new CreateBucketCommand({ Bucket: 'b' }));`;
    for (const text of [same, home, filled]) assert.deepEqual(await analyze(analyzer, 'a.ts', text), []);
  });

  it('uses the configured region when the client has none, and names its source', async () => {
    const text = `${V3}const s3 = new S3Client();\nawait s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));\n`;
    const [finding] = await analyze(
      analyzer,
      'a.js',
      text,
      context({ configuredRegion: () => ({ region: 'us-east-1', source: '`AWS_REGION`' }) }),
    );
    assert.equal(finding!.properties!.regionSource, '`AWS_REGION`');
    assert.match(explained(finding!), /client region us-east-1: `AWS_REGION`/);
    const fixed = applyEdits(text, fixTitled(finding, "Set the client's region"));
    assert.match(fixed, /new S3Client\(\{ region: 'eu-west-1' \}\)/);
    const other = await analyze(
      analyzer,
      'a.js',
      text,
      context({ configuredRegion: () => ({ region: 'ap-south-1', source: '`AWS_REGION`' }) }),
    );
    assert.equal(other[0]!.severity, 'error');
    assert.match(other[0]!.message, /IllegalLocationConstraintException/);
  });

  it('an explicit us-east-1 constraint is an error, fixed by removing the configuration', async () => {
    const text = `${V3}const s3 = new S3Client({ region: 'us-east-1' });\nawait s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' } }));\n`;
    const [finding] = await analyze(analyzer, 'a.ts', text);
    assert.equal(finding!.rule, 'tagsight.invalid-location-constraint');
    assert.equal(finding!.severity, 'error');
    assert.match(finding!.message, /InvalidLocationConstraint/);
    const fixed = applyEdits(text, fixTitled(finding, 'Remove'));
    assert.match(fixed, /new CreateBucketCommand\(\{ Bucket: 'b' \}\)/);
    assert.deepEqual(await analyze(analyzer, 'a.ts', fixed), []);
  });

  it('removing a us-east-1 constraint keeps the other configuration keys', async () => {
    const text = `${V3}const s3 = new S3Client({ region: 'us-east-1' });\nawait s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'us-east-1', Tags: [] } }));\n`;
    const [finding] = await analyze(analyzer, 'a.ts', text);
    const fixed = applyEdits(text, fixTitled(finding, 'Remove'));
    assert.match(fixed, /new CreateBucketCommand\(\{ Bucket: 'b', CreateBucketConfiguration: \{ Tags: \[\] \} \}\)/);
    assert.deepEqual(await analyze(analyzer, 'a.ts', fixed), []);
  });

  it('the region is added after a trailing comment in the client options, never inside it', async () => {
    const text = `${V3}const s3 = new S3Client({
  maxAttempts: 3, // retries
});
await s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
const t = new S3Client({ maxAttempts: 3 // retries
});
await t.send(new CreateBucketCommand({ Bucket: 'c', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
`;
    const withRegion = context({ configuredRegion: () => ({ region: 'us-east-1', source: '`AWS_REGION`' }) });
    const findings = await analyze(analyzer, 'a.ts', text, withRegion);
    assert.equal(findings.length, 2);
    const fixed = applyEdits(
      text,
      findings.flatMap((finding) => fixTitled(finding, "Set the client's region")),
    );
    assert.match(fixed, /maxAttempts: 3, region: 'eu-west-1', \/\/ retries\n\}\);/);
    assert.match(fixed, /maxAttempts: 3, region: 'eu-west-1' \/\/ retries\n\}\);/);
    assert.deepEqual(await analyze(analyzer, 'a.ts', fixed, withRegion), []);
  });

  it('a configuration with `Location` (directory buckets) and no LocationConstraint is not judged', async () => {
    // Without `Location`, a v2 client in eu-west-1 sends no constraint here and fails; with it, the effect is unknown.
    const text = `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3({ region: 'eu-west-1' });\ns3.createBucket({ Bucket: 'b', CreateBucketConfiguration: { Tags: [] } }, done);\n`;
    assert.equal((await analyze(analyzer, 'a.js', text)).length, 1);
    const directory = text.replace('Tags: []', "Location: { Type: 'AvailabilityZone', Name: 'euw1-az1' }");
    assert.deepEqual(await analyze(analyzer, 'a.js', directory), []);
  });

  it('a shared client gets a client for this call only', async () => {
    const text = `${V3}const s3 = new S3Client({ region: 'us-east-1' });
await s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
await s3.send(new PutObjectCommand({ Bucket: 'c', Key: 'k' }));
`;
    const [finding] = await analyze(analyzer, 'a.ts', text);
    const perCall = finding!.fixes!.find((fix) => fix.title.startsWith('Create a eu-west-1 client'));
    assert.equal(perCall?.isPreferred, true);
    const fixed = applyEdits(text, perCall!.edits);
    assert.match(fixed, /await new S3Client\(\{ region: 'eu-west-1' \}\)\.send\(new CreateBucketCommand/);
    assert.match(fixed, /await s3\.send\(new PutObjectCommand/);
    assert.deepEqual(await analyze(analyzer, 'a.ts', fixed), []);
  });

  it('handles the aggregated S3 client, aws-global, and commands bound to a name', async () => {
    const aggregated = `${V3}const s3 = new S3({ region: 'us-east-1' });\nawait s3.createBucket({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } });`;
    assert.equal((await analyze(analyzer, 'a.ts', aggregated))[0]!.properties!.outcome, 'unseen-by-config');
    const global = `${V3}const s3 = new S3Client({ region: 'aws-global' });\nconst cmd = new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } });\nawait s3.send(cmd);`;
    const [finding] = await analyze(analyzer, 'a.ts', global);
    assert.match(explained(finding!), /global endpoint s3\.amazonaws\.com/);
  });

  it('SDK v2: new AWS.S3, AWS.config.update and the default global endpoint', async () => {
    const text = `const AWS = require('aws-sdk');
AWS.config.update({ region: 'us-east-1' });
const s3 = new AWS.S3();
s3.createBucket({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'ap-northeast-2' } }).promise();
`;
    const [finding] = await analyze(analyzer, 'a.js', text);
    assert.equal(finding!.properties!.tool, 'js-v2');
    assert.equal(finding!.properties!.regionSource, 'AWS.config in code');
    assert.match(explained(finding!), /global endpoint/);
    const regional = `const AWS = require('aws-sdk');\nconst s3 = new AWS.S3({ region: 'eu-west-1' });\ns3.createBucket({ Bucket: 'b' }, done);`;
    assert.deepEqual(await analyze(analyzer, 'a.js', regional), []);
  });

  it('SDK v2: a config loaded from a file makes the default region unknown', async () => {
    const text = `const AWS = require('aws-sdk');\nAWS.config.loadFromPath('./config.json');\nnew AWS.S3().createBucket({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } });\n`;
    assert.deepEqual(
      await analyze(analyzer, 'a.js', text, context({ configuredRegion: () => ({ region: 'us-east-1', source: '`AWS_REGION`' }) })),
      [],
    );
  });

  it('post-2019 regions fail from a us-east-1 client', async () => {
    const text = `${V3}const s3 = new S3Client({ region: 'us-east-1' });\nawait s3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'il-central-1' } }));`;
    const [finding] = await analyze(analyzer, 'a.ts', text);
    assert.equal(finding!.severity, 'error');
    assert.match(explained(finding!), /launched after 20 March 2019/);
  });

  describe('the SDK under the names the file imports it as', () => {
    const CONSTRAINT = "CreateBucketConfiguration: { LocationConstraint: 'ap-northeast-2' }";

    it('v3: renamed imports, a namespace import, renamed and whole requires, await import()', async () => {
      const cases = [
        `import { S3Client as Client, CreateBucketCommand as CBC } from '@aws-sdk/client-s3';
const s3 = new Client({ region: 'us-east-1' });
await s3.send(new CBC({ Bucket: 'b', ${CONSTRAINT} }));`,
        `import * as s3sdk from '@aws-sdk/client-s3';
const s3 = new s3sdk.S3Client({ region: 'us-east-1' });
await s3.send(new s3sdk.CreateBucketCommand({ Bucket: 'b', ${CONSTRAINT} }));`,
        `const { S3Client: Client, CreateBucketCommand: CBC } = require('@aws-sdk/client-s3');
const s3 = new Client({ region: 'us-east-1' });
await s3.send(new CBC({ Bucket: 'b', ${CONSTRAINT} }));`,
        `const sdk = require('@aws-sdk/client-s3');
await new sdk.S3({ region: 'us-east-1' }).createBucket({ Bucket: 'b', ${CONSTRAINT} });`,
        `const Client = require('@aws-sdk/client-s3').S3Client;
const { CreateBucketCommand } = await import('@aws-sdk/client-s3');
await new Client({ region: 'us-east-1' }).send(new CreateBucketCommand({ Bucket: 'b', ${CONSTRAINT} }));`,
      ];
      for (const text of cases) {
        const findings = await analyze(analyzer, 'a.ts', text);
        assert.equal(findings.length, 1, text);
        assert.equal(findings[0]!.properties!.tool, 'js-v3', text);
        assert.equal(findings[0]!.properties!.clientRegion, 'us-east-1', text);
      }
    });

    it('v2: the aws-sdk module under any name, and aws-sdk/clients/s3', async () => {
      const cases = [
        `const AWS = require('aws-sdk');\nnew AWS.S3({ region: 'us-east-1' }).createBucket({ Bucket: 'b', ${CONSTRAINT} });`,
        `import AWS from 'aws-sdk';\nnew AWS.S3({ region: 'us-east-1' }).createBucket({ Bucket: 'b', ${CONSTRAINT} });`,
        `import * as aws from 'aws-sdk';\nnew aws.S3({ region: 'us-east-1' }).createBucket({ Bucket: 'b', ${CONSTRAINT} });`,
        `import { S3 as Storage } from 'aws-sdk';\nnew Storage({ region: 'us-east-1' }).createBucket({ Bucket: 'b', ${CONSTRAINT} });`,
        `import Storage from 'aws-sdk/clients/s3';\nnew Storage({ region: 'us-east-1' }).createBucket({ Bucket: 'b', ${CONSTRAINT} });`,
        `import Storage = require('aws-sdk/clients/s3');\nnew Storage({ region: 'us-east-1' }).createBucket({ Bucket: 'b', ${CONSTRAINT} });`,
      ];
      for (const text of cases) {
        const findings = await analyze(analyzer, 'a.ts', text);
        assert.equal(findings.length, 1, text);
        assert.equal(findings[0]!.properties!.tool, 'js-v2', text);
      }
    });

    it('v2: the global config is read under the name the SDK is imported as', async () => {
      const text = `const sdk = require('aws-sdk');
sdk.config.update({ region: 'us-east-1' });
new sdk.S3().createBucket({ Bucket: 'b', ${CONSTRAINT} });
`;
      const [finding] = await analyze(
        analyzer,
        'a.js',
        text,
        context({ configuredRegion: () => ({ region: 'ap-northeast-2', source: '`AWS_REGION`' }) }),
      );
      assert.equal(finding!.properties!.regionSource, 'AWS.config in code');
      assert.equal(finding!.properties!.clientRegion, 'us-east-1');
      // The code sets the bucket's own region: the configured us-east-1 does not apply.
      const agreeing = text.replace("region: 'us-east-1'", "region: 'ap-northeast-2'");
      assert.deepEqual(
        await analyze(analyzer, 'a.js', agreeing, context({ configuredRegion: () => ({ region: 'us-east-1', source: '`AWS_REGION`' }) })),
        [],
      );
      const loaded = text.replace("sdk.config.update({ region: 'us-east-1' })", "sdk.config.loadFromPath('./aws.json')");
      assert.deepEqual(
        await analyze(analyzer, 'a.js', loaded, context({ configuredRegion: () => ({ region: 'us-east-1', source: '`AWS_REGION`' }) })),
        [],
      );
    });

    it('a client for this call keeps the name the file uses', async () => {
      const text = `import * as s3sdk from '@aws-sdk/client-s3';
const s3 = new s3sdk.S3Client({ region: 'us-east-1' });
await s3.send(new s3sdk.CreateBucketCommand({ Bucket: 'b', ${CONSTRAINT} }));
await s3.send(new s3sdk.PutObjectCommand({ Bucket: 'b', Key: 'k' }));
`;
      const [finding] = await analyze(analyzer, 'a.ts', text);
      const fixed = applyEdits(text, fixTitled(finding, 'Create a ap-northeast-2 client'));
      assert.match(fixed, /await new s3sdk\.S3Client\(\{ region: 'ap-northeast-2' \}\)\.send\(new s3sdk\.CreateBucketCommand/);
      assert.deepEqual(await analyze(analyzer, 'a.ts', fixed), []);
    });

    it('is silent for same regions, other commands and other modules under those names', async () => {
      const cases = [
        `import { S3Client as Client, CreateBucketCommand as CBC } from '@aws-sdk/client-s3';
await new Client({ region: 'ap-northeast-2' }).send(new CBC({ Bucket: 'b', ${CONSTRAINT} }));`,
        `import * as s3sdk from '@aws-sdk/client-s3';
await new s3sdk.S3Client({ region: 'ap-northeast-2' }).send(new s3sdk.CreateBucketCommand({ Bucket: 'b', ${CONSTRAINT} }));`,
        `import { S3Client as Client, PutObjectCommand as CBC, CreateBucketCommand } from '@aws-sdk/client-s3';
await new Client({ region: 'us-east-1' }).send(new CBC({ Bucket: 'b', ${CONSTRAINT} }));`,
        `import { Client, CBC } from './storage';\nimport { CreateBucketCommand } from '@aws-sdk/client-s3';
await new Client({ region: 'us-east-1' }).send(new CBC({ Bucket: 'b', ${CONSTRAINT} }));`,
        `import * as other from './storage';\nimport { CreateBucketCommand } from '@aws-sdk/client-s3';
await new other.S3Client({ region: 'us-east-1' }).send(new other.CreateBucketCommand({ Bucket: 'b', ${CONSTRAINT} }));`,
        `const AWS = require('aws-sdk');\nnew AWS.S3({ region: process.env.REGION }).createBucket({ Bucket: 'b', ${CONSTRAINT} });`,
      ];
      for (const text of cases) assert.deepEqual(await analyze(analyzer, 'a.ts', text), [], text);
    });
  });

  describe('a default parameter counts only where no call in the file overrides it', () => {
    const make = (calls: string) => `${V3}function mk(name, region = 'us-east-1') {
  return new S3Client({ region }).send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
}
${calls}
`;

    it('calls that leave it out, pass undefined or the default itself keep it', async () => {
      for (const calls of [
        '',
        "mk('logs');",
        "mk('logs', undefined);",
        "mk('logs', 'us-east-1'); mk('data');",
        'export { mk };',
        'module.exports = { mk };',
      ]) {
        const findings = await analyze(analyzer, 'a.js', make(calls));
        assert.equal(findings.length, 1, calls);
        assert.equal(findings[0]!.properties!.clientRegion, 'us-east-1', calls);
      }
    });

    it('a call passing another value, a spread, or handing the function out makes it unknown', async () => {
      const calls = [
        "mk('logs', 'eu-west-1');",
        "mk('logs'); mk('data', 'eu-west-1');",
        "mk('logs', region);",
        'mk(...args);',
        "['a', 'b'].forEach(mk);",
        "mk.call(null, 'logs', 'eu-west-1');",
        'const alias = mk;',
      ];
      for (const call of calls) assert.deepEqual(await analyze(analyzer, 'a.js', make(call)), [], call);
    });

    it('the same for arrow functions, methods and constructors', async () => {
      const arrow = `${V3}const mk = async (region = 'us-east-1') => new S3Client({ region }).send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));\n`;
      assert.equal((await analyze(analyzer, 'a.ts', `${arrow}await mk();\n`)).length, 1);
      assert.deepEqual(await analyze(analyzer, 'a.ts', `${arrow}await mk('eu-west-1');\n`), []);

      const overloaded = `${V3}function mk(): Promise<unknown>;
function mk(region = 'us-east-1') {
  return new S3Client({ region }).send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
}
`;
      assert.equal((await analyze(analyzer, 'a.ts', `${overloaded}mk();\n`)).length, 1);
      assert.deepEqual(await analyze(analyzer, 'a.ts', `${overloaded}mk('eu-west-1');\n`), []);

      const field = `${V3}class Buckets {
  create = (region = 'us-east-1') => new S3Client({ region }).send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
}
`;
      assert.equal((await analyze(analyzer, 'a.ts', `${field}new Buckets().create();\n`)).length, 1);
      assert.deepEqual(await analyze(analyzer, 'a.ts', `${field}new Buckets().create('eu-west-1');\n`), []);

      const method = `${V3}class Buckets {
  create(name: string, region = 'us-east-1') {
    return new S3Client({ region }).send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
  }
}
`;
      assert.equal((await analyze(analyzer, 'a.ts', `${method}new Buckets().create('logs');\n`)).length, 1);
      assert.deepEqual(await analyze(analyzer, 'a.ts', `${method}new Buckets().create('logs', 'eu-west-1');\n`), []);

      const constructed = `${V3}export class Buckets {
  private readonly s3: S3Client;
  constructor(region = 'us-east-1') { this.s3 = new S3Client({ region }); }
  create(name: string) {
    return this.s3.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
  }
}
`;
      assert.equal((await analyze(analyzer, 'a.ts', `${constructed}const buckets: Buckets = new Buckets();\n`)).length, 1);
      assert.deepEqual(await analyze(analyzer, 'a.ts', `${constructed}new Buckets('eu-west-1');\n`), []);
    });

    it('anonymous and decorated functions are called where the file does not show: unknown', async () => {
      const callback = `${V3}app.post('/buckets', async (req, res, region = 'us-east-1') => {
  await new S3Client({ region }).send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
});
`;
      assert.deepEqual(await analyze(analyzer, 'a.ts', callback), []);
      const decorated = `${V3}class Api {
  @Post()
  create(region = 'us-east-1') {
    return new S3Client({ region }).send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
  }
}
`;
      assert.deepEqual(await analyze(analyzer, 'a.ts', decorated), []);
    });
  });

  it('does not throw on malformed code, and reparses incrementally', async () => {
    assert.deepEqual(
      await analyze(analyzer, 'a.ts', `${V3}const s3 = new S3Client({ region: 'us-east-1' ;\n s3.send(new CreateBucketCommand({{{`),
      [],
    );
    const session = analyzer.createSession('a.ts');
    try {
      assert.equal((await session.analyze(INCIDENT, context())).length, 1);
      const offset = INCIDENT.indexOf("'us-east-1'") + 1;
      const edited = INCIDENT.slice(0, offset) + 'ap-northeast-2' + INCIDENT.slice(offset + 'us-east-1'.length);
      const line = INCIDENT.slice(0, offset).split('\n').length - 1;
      const character = offset - INCIDENT.lastIndexOf('\n', offset - 1) - 1;
      const change = {
        range: { start: { line, character }, end: { line, character: character + 'us-east-1'.length } },
        rangeOffset: offset,
        rangeLength: 'us-east-1'.length,
        text: 'ap-northeast-2',
      };
      assert.deepEqual(await session.analyze(edited, context(), [change]), []);
    } finally {
      session.dispose();
    }
  });
});
