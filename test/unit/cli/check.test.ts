import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main';
import { envOverrides } from '../helpers/process-env';

async function runCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(['node', 'tagsight', ...args], { stdout: stdout as unknown as typeof process.stdout, stderr: stderr as unknown as typeof process.stderr });
    return { code, stdout: out, stderr: err };
  } finally {
    process.chdir(previous);
  }
}

describe('tagsight check', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-check-'));
    fs.mkdirSync(path.join(dir, 'infra'));
    fs.writeFileSync(path.join(dir, 'infra', 'main.tf'), 'resource "aws_s3_bucket" "logs" {\n}\n');
    fs.writeFileSync(path.join(dir, 'stack.yaml'), 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        - Key: Owner\n          Value: me\n');
    fs.mkdirSync(path.join(dir, 'node_modules', 'dep'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'dep', 'x.tf'), 'resource "aws_s3_bucket" "vendored" {\n}\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 1 with findings in JSON, skipping node_modules; uses ./tag-policy.json by default', async () => {
    fs.writeFileSync(path.join(dir, 'tag-policy.json'), '{"tags":{"owner":{"tag_key":{"@@assign":"Owner"}}}}');
    const result = await runCli(['check', '--format', 'json'], dir);
    assert.equal(result.code, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(findings.map((f) => [f.file, f.line, f.column, f.rule, f.resource, f.missing, f.source]), [
      [path.join('infra', 'main.tf'), 1, 1, 'tagsight.missing-tags', 'aws_s3_bucket.logs', ['Owner'], 'tag-policy.json'],
    ]);
    assert.equal(findings[0]!.endColumn, 32);
  });

  it('exits 0 when clean, text output', async () => {
    const result = await runCli(['check', 'stack.yaml', '--require', 'Owner'], dir);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, 'No findings.\n');
  });

  it('writes SARIF', async () => {
    const result = await runCli(['check', '.', '--format', 'sarif', '--require', 'Owner,Team'], dir);
    assert.equal(result.code, 1);
    const sarif = JSON.parse(result.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results.length, 2);
  });

  it('checks a Terraform plan JSON by its content: the tags each planned resource gets, addresses as Terraform names them', async () => {
    fs.copyFileSync(path.join(__dirname, '..', 'analyzers', 'terraform-plan', 'fixtures', 'plan.json'), path.join(dir, 'plan.json'));
    const result = await runCli(['check', 'plan.json', '--format', 'json', '--require', 'Owner,Env'], dir);
    assert.equal(result.code, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(findings.map((f) => [f.file, f.line, f.column, f.rule, f.resource, f.missing]), [
      ['plan.json', 66, 11, 'tagsight.missing-tags', 'aws_s3_bucket.logs', ['Env']],
      ['plan.json', 160, 15, 'tagsight.missing-tags', 'module.web.aws_s3_bucket.assets["b"]', ['Env']],
      ['plan.json', 187, 19, 'tagsight.missing-tags', 'module.web.module.queue.aws_sqs_queue.dlq', ['Env', 'Owner']],
    ]);
  });

  it('without any policy says so once on stderr and still runs (exit 0 here)', async () => {
    const result = await runCli(['check'], dir);
    assert.equal(result.code, 0);
    assert.equal(result.stderr.split('\n').filter((line) => line.includes('no tag policy')).length, 1);
  });

  it('exits 2 for a missing path, a missing --policy file, a malformed policy (with its position), a bad format', async () => {
    assert.equal((await runCli(['check', 'nope'], dir)).code, 2);
    assert.equal((await runCli(['check', '--policy', 'missing.json'], dir)).code, 2);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{\n  "tags": {\n    "a": { "tag_key": { "@@assign": 42 } }\n  }\n}\n');
    const bad = await runCli(['check', '--policy', 'bad.json'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.json:3:\d+: error: "@@assign" takes a string/);
    const format = await runCli(['check', '--format', 'xml'], dir);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /argument 'xml' is invalid\. Allowed choices are text, json, sarif/);
    assert.equal(format.stdout, '', 'a usage error writes nothing to stdout');
  });

  describe('region lookup, as the editor does it', () => {
    const overrides = envOverrides();
    beforeEach(() => {
      for (const name of ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION']) overrides.set(name, undefined);
      fs.writeFileSync(path.join(dir, 'aws-config'), '[default]\nregion = eu-west-1\n[profile ops]\nregion = us-east-1\n[profile prod]\nregion = ap-south-1\n');
      overrides.set('AWS_CONFIG_FILE', path.join(dir, 'aws-config'));
    });
    afterEach(() => overrides.restore());

    const regionFindings = async (file: string, text: string) => {
      fs.writeFileSync(path.join(dir, file), text);
      const result = await runCli(['check', file, '--format', 'json'], dir);
      assert.equal(result.code, 1, result.stderr);
      return JSON.parse(result.stdout) as Array<{ rule: string; properties?: Record<string, unknown> }>;
    };

    it('names AWS_PROFILE\'s profile in the shared config file as the region source', async () => {
      process.env.AWS_PROFILE = 'ops';
      const findings = await regionFindings('make.py', "import boto3\ns3 = boto3.client('s3')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'sa-east-1'})\n");
      const mismatch = findings.find((f) => f.rule === 'tagsight.region-mismatch');
      assert.equal(mismatch?.properties?.clientRegion, 'us-east-1');
      assert.equal(mismatch?.properties?.regionSource, `profile "ops" in ${path.join(dir, 'aws-config')}`);
    });

    it('looks up a profile named in the code (--profile) in the same file; AWS_REGION still wins and is named in backticks', async () => {
      const cli = 'aws s3api create-bucket --bucket c --profile prod --create-bucket-configuration LocationConstraint=eu-west-2\n';
      const [fromProfile] = await regionFindings('make.sh', cli);
      assert.equal(fromProfile?.properties?.regionSource, `profile "prod" in ${path.join(dir, 'aws-config')}`);
      process.env.AWS_REGION = 'us-west-2';
      const [fromEnv] = await regionFindings('make.sh', cli);
      assert.equal(fromEnv?.properties?.regionSource, '`AWS_REGION`');
    });
  });
});
