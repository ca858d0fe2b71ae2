import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runInProcess } from './run-in-process';

/**
 * `tagsight check` over a folder with a Pulumi project in TypeScript and one in Python, and CreateBucket calls in Go,
 * Java and C#: text, JSON and SARIF say the same, files nobody can judge stay silent.
 */
const FILES: Record<string, string> = {
  'ts/Pulumi.yaml': 'name: ts\nruntime: nodejs\n',
  'ts/Pulumi.dev.yaml': 'config:\n  aws:defaultTags:\n    tags:\n      Owner: platform\n',
  'ts/Pulumi.prod.yaml': 'config:\n  aws:defaultTags:\n    tags:\n      Owner: platform\n      Team: core\n',
  'ts/index.ts':
    'import * as aws from "@pulumi/aws";\n\nexport const logs = new aws.s3.BucketV2("logs", { tags: { Project: "reach" } });\nexport const data = new aws.s3.BucketV2("data", { tags: common });\n',
  'py/Pulumi.yaml': 'name: py\nruntime: python\n',
  'py/__main__.py': 'import pulumi_aws as aws\n\nbucket = aws.s3.Bucket("py-logs", tags={"Team": "core"})\n',
  'go/main.go':
    'package main\n\nfunc main() {\n\tcfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"))\n\tclient := s3.NewFromConfig(cfg)\n\tclient.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("b")})\n}\n',
  'java/Buckets.java':
    'class Buckets {\n  private final S3Client s3 = S3Client.builder().region(Region.US_EAST_1).build();\n  void make() {\n    s3.createBucket(b -> b.bucket("x").createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));\n  }\n}\n',
  'dotnet/Buckets.cs':
    'class Buckets {\n  private readonly IAmazonS3 _s3 = new AmazonS3Client(RegionEndpoint.EUWest1);\n  async Task Make() {\n    await _s3.PutBucketAsync(new PutBucketRequest { BucketName = "b", BucketRegionName = "eu-west-1" });\n  }\n}\n',
};

const EXPECTED = [
  [path.join('go', 'main.go'), 6, 'tagsight.region-mismatch', 'error'],
  [path.join('java', 'Buckets.java'), 4, 'tagsight.region-mismatch', 'warning'],
  [path.join('py', '__main__.py'), 3, 'tagsight.missing-tags', 'warning'],
  [path.join('ts', 'index.ts'), 3, 'tagsight.missing-tags', 'warning'],
];

describe('tagsight check: Pulumi, Go, Java and C#', () => {
  let dir: string;
  let previous: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-reach-'));
    for (const [name, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    previous = process.cwd();
    process.chdir(dir);
  });
  after(() => {
    process.chdir(previous);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('JSON: one finding per problem, the Pulumi keys named with the stack that lacks them', async () => {
    const result = await runInProcess(['check', '.', '--format', 'json', '--require', 'Owner,Team']);
    assert.equal(result.code, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    const sorted = findings.map((f) => [f.file, f.line, f.rule, f.severity]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    assert.deepEqual(sorted, EXPECTED);
    const pulumi = findings.find((f) => f.file === path.join('ts', 'index.ts'))!;
    assert.equal(pulumi.resource, 'aws.s3.BucketV2 "logs"');
    assert.deepEqual(pulumi.missing, ['Team']);
    assert.match(String(pulumi.message), /missing required tag "Team" in stack "dev"/);
    const python = findings.find((f) => f.file === path.join('py', '__main__.py'))!;
    assert.deepEqual(python.missing, ['Owner'], 'a Python project without stack files has no default tags');
    const go = findings.find((f) => f.file === path.join('go', 'main.go'))!;
    assert.match(
      [String(go.message), ...((go.details as string[] | undefined) ?? [])].join(' '),
      /the AWS SDK for Go v2 does not fill one in/,
    );
  });

  it('text and SARIF list the same findings', async () => {
    const text = await runInProcess(['check', '.', '--require', 'Owner,Team']);
    assert.equal(text.code, 1);
    for (const [file, line, rule] of EXPECTED)
      assert.match(
        text.stdout,
        new RegExp(`^${String(file).replace(/[.\\]/g, '\\$&')}:${line}:\\d+: \\w+: .*\\[${String(rule).replace(/\./g, '\\.')}\\]$`, 'm'),
      );
    const sarif = await runInProcess(['check', '.', '--format', 'sarif', '--require', 'Owner,Team']);
    assert.equal(sarif.code, 1);
    const results = JSON.parse(sarif.stdout).runs[0].results as Array<{
      ruleId: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
    }>;
    const rows = results
      .map((r) => [r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine, r.ruleId])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    assert.deepEqual(
      rows,
      EXPECTED.map(([file, line, rule]) => [String(file).split(path.sep).join('/'), line, rule]),
    );
  });

  it('no findings where every stack gives the keys', async () => {
    const result = await runInProcess(['check', path.join('ts', 'index.ts'), '--require', 'Owner']);
    assert.equal(result.code, 0, result.stdout);
  });
});
