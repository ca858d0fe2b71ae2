import * as assert from 'node:assert/strict';
import { createJavaScriptRegionAnalyzer, createPythonRegionAnalyzer } from '../../../../src/analyzers/region/region-analyzer';
import { analyze, context } from './helpers';

const javascript = createJavaScriptRegionAnalyzer();
const python = createPythonRegionAnalyzer();
const V3 = "import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';\n";

/** A Lambda-style module: the region comes from the environment, with a literal for local runs. */
function jsModule(regionExpression: string): string {
  return `${V3}const region = ${regionExpression};
const s3 = new S3Client({ region });

export async function createArchive(name: string) {
  await s3.send(new CreateBucketCommand({
    Bucket: name,
    CreateBucketConfiguration: { LocationConstraint: 'ap-southeast-3' },
  }));
}
`;
}

function pyModule(regionExpression: string): string {
  return `import os
import boto3

s3 = boto3.client("s3", region_name=${regionExpression})


def create_archive(name):
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-3"})
`;
}

describe('region analyzer: fallbacks on environment variables', () => {
  const jsCases: [string, string][] = [
    ["process.env.AWS_REGION ?? 'us-east-1'", 'When AWS_REGION is unset, '],
    ["process.env.AWS_REGION || 'us-east-1'", 'When AWS_REGION is unset or empty, '],
    ["process.env['AWS_REGION'] ? process.env['AWS_REGION'] : 'us-east-1'", 'When AWS_REGION is unset or empty, '],
    ["!process.env.AWS_REGION ? 'us-east-1' : process.env.AWS_REGION", 'When AWS_REGION is unset or empty, '],
  ];
  for (const [expression, prefix] of jsCases) {
    it(`JavaScript: judges the literal of \`${expression}\` and says when it applies`, async () => {
      const findings = await analyze(javascript, 'src/archive.ts', jsModule(expression));
      assert.equal(findings.length, 1);
      const [finding] = findings;
      // ap-southeast-3 launched after 2019: only a client in that region may create buckets there.
      assert.equal(finding!.rule, 'tagsight.region-mismatch');
      assert.equal(finding!.severity, 'error');
      assert.ok(finding!.message.startsWith(`${prefix}CreateBucket fails`), finding!.message);
      assert.equal(finding!.properties?.clientRegion, 'us-east-1');
      assert.equal(finding!.properties?.regionAppliesWhen, prefix.slice(0, -2).replace(/^W/, 'w'));
    });
  }

  it('JavaScript: a literal that matches the bucket region gives no finding', async () => {
    assert.deepEqual(await analyze(javascript, 'a.ts', jsModule("process.env.AWS_REGION ?? 'ap-southeast-3'")), []);
  });

  it('JavaScript: a fallback on anything but an environment variable stays unknown', async () => {
    const text = jsModule("config.region ?? 'us-east-1'").replace('const region', 'const config = loadConfig();\nconst region');
    assert.deepEqual(await analyze(javascript, 'a.ts', text), []);
    assert.deepEqual(await analyze(javascript, 'a.ts', jsModule("process.env.AWS_REGION && 'us-east-1'")), []);
    assert.deepEqual(await analyze(javascript, 'a.ts', jsModule("process.env.STAGE ? 'us-east-1' : 'eu-west-1'")), []);
  });

  it('JavaScript: the configured region is not consulted for a fallback', async () => {
    const ctx = context({ configuredRegion: () => ({ region: 'ap-southeast-3', source: 'AWS_REGION' }) });
    const [finding] = await analyze(javascript, 'a.ts', jsModule("process.env.AWS_REGION ?? 'us-east-1'"), ctx);
    assert.equal(finding?.properties?.clientRegion, 'us-east-1');
    assert.equal(finding?.properties?.regionFromEnvironment, undefined, "the region is the code's literal");
    // Without a region in code the configured one decides, and the finding says so (the editor's hover names it).
    const [configured] = await analyze(
      javascript,
      'a.ts',
      jsModule('undefined').replace('new S3Client({ region })', 'new S3Client({})'),
      context({ configuredRegion: () => ({ region: 'us-east-1', source: '`AWS_REGION`' }) }),
    );
    assert.equal(configured?.properties?.regionFromEnvironment, true);
    assert.equal(configured?.properties?.regionAppliesWhen, undefined);
  });

  const pyCases: [string, string][] = [
    ['os.environ.get("AWS_DEFAULT_REGION", "us-east-1")', 'When AWS_DEFAULT_REGION is unset, '],
    ['os.getenv("AWS_DEFAULT_REGION", "us-east-1")', 'When AWS_DEFAULT_REGION is unset, '],
    ['os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"', 'When AWS_DEFAULT_REGION is unset or empty, '],
    ['os.getenv("AWS_DEFAULT_REGION") or "us-east-1"', 'When AWS_DEFAULT_REGION is unset or empty, '],
  ];
  for (const [expression, prefix] of pyCases) {
    it(`Python: judges the literal of \`${expression}\` and says when it applies`, async () => {
      const findings = await analyze(python, 'archive.py', pyModule(expression));
      assert.equal(findings.length, 1);
      assert.ok(findings[0]!.message.startsWith(`${prefix}CreateBucket fails`), findings[0]!.message);
      assert.equal(findings[0]!.properties?.clientRegion, 'us-east-1');
    });
  }

  it('Python: a region through a name bound to the fallback is judged too', async () => {
    const text = pyModule('REGION').replace('s3 = ', 'REGION = os.environ.get("AWS_REGION", "us-east-1")\ns3 = ');
    const [finding] = await analyze(python, 'archive.py', text);
    assert.ok(finding?.message.startsWith('When AWS_REGION is unset, '), finding?.message);
  });

  it('Python: other defaults and lookups stay unknown', async () => {
    assert.deepEqual(await analyze(python, 'a.py', pyModule('os.environ["AWS_REGION"]')), []);
    assert.deepEqual(await analyze(python, 'a.py', pyModule('os.environ.get("AWS_REGION")')), []);
    assert.deepEqual(await analyze(python, 'a.py', pyModule('settings.get("AWS_REGION", "us-east-1")')), []);
    assert.deepEqual(await analyze(python, 'a.py', pyModule('os.getenv("AWS_REGION", "ap-southeast-3")')), []);
  });
});
