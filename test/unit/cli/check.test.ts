import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
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
    const code = await main(['node', 'tagsight', ...args], {
      stdout: stdout as unknown as typeof process.stdout,
      stderr: stderr as unknown as typeof process.stderr,
    });
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
    fs.writeFileSync(
      path.join(dir, 'stack.yaml'),
      'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        - Key: Owner\n          Value: me\n',
    );
    fs.mkdirSync(path.join(dir, 'node_modules', 'dep'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'dep', 'x.tf'), 'resource "aws_s3_bucket" "vendored" {\n}\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 1 with findings in JSON, skipping node_modules; uses ./tag-policy.json by default', async () => {
    fs.writeFileSync(path.join(dir, 'tag-policy.json'), '{"tags":{"owner":{"tag_key":{"@@assign":"Owner"}}}}');
    const result = await runCli(['check', '--format', 'json'], dir);
    assert.equal(result.code, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(
      findings.map((f) => [f.file, f.line, f.column, f.rule, f.resource, f.missing, f.source]),
      [[path.join('infra', 'main.tf'), 1, 1, 'tagsight.missing-tags', 'aws_s3_bucket.logs', ['Owner'], 'tag-policy.json']],
    );
    assert.equal(findings[0]!.endColumn, 32);
  });

  it('exits 0 when clean, text output', async () => {
    const result = await runCli(['check', 'stack.yaml', '--require', 'Owner'], dir);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, 'No findings.\n');
  });

  it('writes a GitLab code quality report', async () => {
    const result = await runCli(['check', '.', '--format', 'gitlab', '--require', 'Owner,Team'], dir);
    assert.equal(result.code, 1, result.stderr);
    const issues = JSON.parse(result.stdout) as Array<{ check_name: string; location: { path: string; lines: { begin: number } } }>;
    assert.deepEqual(
      issues.map((issue) => [issue.check_name, issue.location.path, issue.location.lines.begin]),
      [
        ['tagsight.missing-tags', 'infra/main.tf', 1],
        ['tagsight.missing-tags', 'stack.yaml', 5],
      ],
    );
  });

  it('writes SARIF', async () => {
    const result = await runCli(['check', '.', '--format', 'sarif', '--require', 'Owner,Team'], dir);
    assert.equal(result.code, 1);
    const sarif = JSON.parse(result.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results.length, 2);
  });

  it('SARIF from real findings: identical calls are distinct alerts, a line above moves neither, files outside the working directory get absolute URIs', async () => {
    const call = 'aws s3api create-bucket --bucket logs --region us-east-1 --create-bucket-configuration LocationConstraint=us-east-1\n';
    fs.mkdirSync(path.join(dir, 'sh'));
    fs.writeFileSync(path.join(dir, 'sh', 'make.sh'), `${call}${call}`);
    const fingerprints = async () => {
      const result = await runCli(['check', path.join('..', 'sh'), '--format', 'sarif'], path.join(dir, 'infra'));
      assert.equal(result.code, 1, result.stderr);
      const results = JSON.parse(result.stdout).runs[0].results as Array<{
        ruleId: string;
        partialFingerprints: Record<string, string>;
        locations: Array<{ physicalLocation: { artifactLocation: unknown } }>;
      }>;
      assert.deepEqual(
        results.map((r) => r.ruleId),
        ['tagsight.invalid-location-constraint', 'tagsight.invalid-location-constraint'],
      );
      assert.deepEqual(results[0]!.locations[0]!.physicalLocation.artifactLocation, {
        uri: pathToFileURL(path.join(fs.realpathSync(dir), 'sh', 'make.sh')).href,
      });
      return results.map((r) => r.partialFingerprints['tagsightFinding/v1']);
    };
    const before = await fingerprints();
    assert.notEqual(before[0], before[1]);
    fs.writeFileSync(path.join(dir, 'sh', 'make.sh'), `\n${call}${call}`);
    assert.deepEqual(await fingerprints(), before);
  });

  it('follows a link to a file in a checked directory, as when the link is named (more in check-files.test.ts)', async () => {
    fs.mkdirSync(path.join(dir, 'common'));
    fs.writeFileSync(path.join(dir, 'common', 'shared.tf'), 'resource "aws_s3_bucket" "shared" {\n}\n');
    fs.mkdirSync(path.join(dir, 'env'));
    fs.symlinkSync(path.join('..', 'common', 'shared.tf'), path.join(dir, 'env', 'shared.tf'));
    for (const target of ['env', path.join('env', 'shared.tf')]) {
      const result = await runCli(['check', target, '--format', 'json', '--require', 'Owner'], dir);
      assert.equal(result.code, 1, result.stderr);
      assert.deepEqual(
        (JSON.parse(result.stdout) as Array<{ file: string; resource: string }>).map((f) => [f.file, f.resource]),
        [[path.join('env', 'shared.tf'), 'aws_s3_bucket.shared']],
      );
    }
  });

  it('checks a Terraform plan JSON by its content: the tags each planned resource gets, addresses as Terraform names them', async () => {
    fs.copyFileSync(path.join(__dirname, '..', 'analyzers', 'terraform-plan', 'fixtures', 'plan.json'), path.join(dir, 'plan.json'));
    const result = await runCli(['check', 'plan.json', '--format', 'json', '--require', 'Owner,Env'], dir);
    assert.equal(result.code, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(
      findings.map((f) => [f.file, f.line, f.column, f.rule, f.resource, f.missing]),
      [
        ['plan.json', 66, 11, 'tagsight.missing-tags', 'aws_s3_bucket.logs', ['Env']],
        ['plan.json', 160, 15, 'tagsight.missing-tags', 'module.web.aws_s3_bucket.assets["b"]', ['Env']],
        ['plan.json', 187, 19, 'tagsight.missing-tags', 'module.web.module.queue.aws_sqs_queue.dlq', ['Env', 'Owner']],
      ],
    );
  });

  it('a syntax error is no clean bill: exit 1, the parse error listed with the findings of the blocks that are whole', async () => {
    fs.writeFileSync(
      path.join(dir, 'broken.tf'),
      'locals {\n  name = "oops\n}\nresource "aws_s3_bucket" "a" {}\nresource "aws_instance" "b" {}\n',
    );
    const result = await runCli(['check', 'broken.tf', '--format', 'json', '--require', 'Owner'], dir);
    assert.equal(result.code, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(
      findings.map((f) => [f.file, f.line, f.column, f.rule, f.severity, f.resource ?? null]),
      [
        ['broken.tf', 2, 10, 'tagsight.parse-error', 'error', null],
        ['broken.tf', 4, 1, 'tagsight.missing-tags', 'warning', 'aws_s3_bucket.a'],
        ['broken.tf', 5, 1, 'tagsight.missing-tags', 'warning', 'aws_instance.b'],
      ],
    );
    assert.equal(
      findings[0]!.message,
      'Tagsight could not read this file past line 2: a string is not closed; fix it to have the rest checked.',
    );
    const text = await runCli(['check', 'broken.tf', '--require', 'Owner'], dir);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^broken\.tf:2:10: error: Tagsight could not read this file past line 2: .* \[tagsight\.parse-error\]$/m);
  });

  it('without any policy says so once on stderr and still runs (exit 0 here)', async () => {
    const result = await runCli(['check'], dir);
    assert.equal(result.code, 0);
    assert.equal(result.stderr.split('\n').filter((line) => line.includes('no tag policy')).length, 1);
  });

  describe('tag policy discovery, as ESLint finds its config', () => {
    const policy = (key: string) => `{"tags":{"t":{"tag_key":{"@@assign":"${key}"}}}}`;

    it('finds the policy from the checked path upward and names it before the results', async () => {
      fs.writeFileSync(path.join(dir, 'infra', 'tag-policy.json'), policy('Owner'));
      const stdout = new PassThrough();
      let both = '';
      stdout.on('data', (chunk: Buffer) => (both += chunk.toString()));
      const previous = process.cwd();
      process.chdir(dir);
      try {
        const code = await main(['node', 'tagsight', 'check', 'infra'], {
          stdout: stdout as unknown as typeof process.stdout,
          stderr: stdout as unknown as typeof process.stderr,
        });
        assert.equal(code, 1);
      } finally {
        process.chdir(previous);
      }
      const announced = both.indexOf(`tagsight: tag policy ${path.join('infra', 'tag-policy.json')}\n`);
      assert.ok(announced >= 0, both);
      assert.ok(announced < both.indexOf('main.tf:1:1'), 'the policy is named before the results');
      assert.match(both, new RegExp(`note: Required by policy file ${path.join('infra', 'tag-policy.json').replace(/[\\/.]/g, '\\$&')}`));
    });

    it('judges each path by its own nearest policy, and stops at the repository root', async () => {
      fs.mkdirSync(path.join(dir, 'repo', '.git'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'repo', 'app'));
      fs.writeFileSync(path.join(dir, 'repo', 'app', 'main.tf'), 'resource "aws_s3_bucket" "app" {\n}\n');
      fs.writeFileSync(path.join(dir, 'tag-policy.json'), policy('Outer'));
      fs.writeFileSync(path.join(dir, 'infra', 'tag-policy.json'), policy('Team'));
      const result = await runCli(['check', '--format', 'json', 'infra', 'repo/app'], dir);
      const findings = JSON.parse(result.stdout) as Array<{ resource: string; missing: string[] }>;
      assert.deepEqual(
        findings.map((finding) => [finding.resource, finding.missing]),
        [['aws_s3_bucket.logs', ['Team']]],
        'Outer lies above repo/.git and does not apply there',
      );
      assert.match(result.stderr, /tag policy infra[\\/]tag-policy\.json for infra\n/);
      assert.match(result.stderr, /no tag policy for repo\/app/);
    });
  });

  it('answers an unknown option with the error and one usage line, not the whole help', async () => {
    const result = await runCli(['check', '--bogus'], dir);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      "error: unknown option '--bogus'\nUsage: tagsight check [options] [paths...]\nRun 'tagsight check --help' for the options.\n",
    );
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

  describe('region lookup with --use-local-aws-config, as the editor does it', () => {
    const overrides = envOverrides();
    beforeEach(() => {
      for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AMAZON_REGION', 'AWS_SDK_LOAD_CONFIG'])
        overrides.set(name, undefined);
      fs.writeFileSync(
        path.join(dir, 'aws-config'),
        '[default]\nregion = eu-west-1\n[profile ops]\nregion = us-east-1\n[profile prod]\nregion = ap-south-1\n',
      );
      overrides.set('AWS_CONFIG_FILE', path.join(dir, 'aws-config'));
      overrides.set('AWS_SHARED_CREDENTIALS_FILE', path.join(dir, 'aws-credentials'));
    });
    afterEach(() => overrides.restore());

    const regionFindings = async (file: string, text: string) => {
      fs.writeFileSync(path.join(dir, file), text);
      const result = await runCli(['check', file, '--format', 'json', '--use-local-aws-config'], dir);
      assert.equal(result.code, 1, result.stderr);
      return JSON.parse(result.stdout) as Array<{ rule: string; properties?: Record<string, unknown> }>;
    };

    it("names AWS_PROFILE's profile in the shared config file as the region source", async () => {
      process.env.AWS_PROFILE = 'ops';
      const findings = await regionFindings(
        'make.py',
        "import boto3\ns3 = boto3.client('s3')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'sa-east-1'})\n",
      );
      const mismatch = findings.find((f) => f.rule === 'tagsight.region-mismatch');
      assert.equal(mismatch?.properties?.clientRegion, 'us-east-1');
      assert.equal(mismatch?.properties?.regionSource, `profile "ops" (\`AWS_PROFILE\`) in ${path.join(dir, 'aws-config')}`);
    });

    it('each tool reads its own variables: boto3 ignores AWS_REGION, SDK v3 ignores AWS_DEFAULT_REGION', async () => {
      const boto3 =
        "import boto3\ns3 = boto3.client('s3')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'sa-east-1'})\n";
      const sdk =
        "const { S3Client, CreateBucketCommand } = require('@aws-sdk/client-s3');\nconst s3 = new S3Client({});\ns3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'sa-east-1' } }));\n";
      process.env.AWS_REGION = 'us-east-1';
      const [python] = await regionFindings('make.py', boto3);
      assert.equal(python?.properties?.clientRegion, 'eu-west-1', 'the default profile, not AWS_REGION');
      assert.match(String(python?.properties?.regionSource), /^profile "default" in .* \(boto3 ignores `AWS_REGION`\)$/);
      const [javascript] = await regionFindings('make.js', sdk);
      assert.equal(javascript?.properties?.clientRegion, 'us-east-1');
      assert.equal(javascript?.properties?.regionSource, '`AWS_REGION`');

      delete process.env.AWS_REGION;
      process.env.AWS_DEFAULT_REGION = 'us-east-1';
      const [fromDefault] = await regionFindings('make.py', boto3);
      assert.equal(fromDefault?.properties?.regionSource, '`AWS_DEFAULT_REGION`');
      const [v3Profile] = await regionFindings('make.js', sdk);
      assert.equal(v3Profile?.properties?.clientRegion, 'eu-west-1', 'SDK v3: the default profile, not AWS_DEFAULT_REGION');
    });

    it('with no region where boto3 looks, a boto3 client without one is not judged', async () => {
      fs.writeFileSync(path.join(dir, 'aws-config'), '[profile ops]\nregion = us-east-1\n');
      process.env.AWS_REGION = 'us-east-1';
      fs.writeFileSync(
        path.join(dir, 'make.py'),
        "import boto3\ns3 = boto3.client('s3')\ns3.create_bucket(Bucket='b', CreateBucketConfiguration={'LocationConstraint': 'sa-east-1'})\n",
      );
      const result = await runCli(['check', 'make.py', '--format', 'json', '--use-local-aws-config'], dir);
      assert.equal(result.code, 0, result.stdout);
    });

    it('looks up a profile named in the code (--profile) in the same file; AWS_REGION still wins and is named in backticks', async () => {
      const cli = 'aws s3api create-bucket --bucket c --profile prod --create-bucket-configuration LocationConstraint=eu-west-2\n';
      const [fromProfile] = await regionFindings('make.sh', cli);
      assert.equal(fromProfile?.properties?.regionSource, `profile "prod" in ${path.join(dir, 'aws-config')}`);
      process.env.AWS_REGION = 'us-west-2';
      const [fromEnv] = await regionFindings('make.sh', cli);
      assert.equal(fromEnv?.properties?.regionSource, '`AWS_REGION` (the AWS CLI v2 reads it; v1 reads only `AWS_DEFAULT_REGION`)');
    });
  });

  describe('the same answer on every machine', () => {
    const overrides = envOverrides();
    const sdk =
      "const { S3Client, CreateBucketCommand } = require('@aws-sdk/client-s3');\nconst s3 = new S3Client({});\ns3.send(new CreateBucketCommand({ Bucket: 'b', CreateBucketConfiguration: { LocationConstraint: 'sa-east-1' } }));\n";
    beforeEach(() => {
      fs.writeFileSync(path.join(dir, 'aws-config'), '[default]\nregion = us-east-1\n');
      overrides.set('AWS_CONFIG_FILE', path.join(dir, 'aws-config'));
      overrides.set('AWS_REGION', 'us-east-1');
      overrides.set('AWS_DEFAULT_REGION', 'us-east-1');
      fs.writeFileSync(path.join(dir, 'make.js'), sdk);
    });
    afterEach(() => overrides.restore());

    it('by default, a client without a region in code is unknown whatever AWS_REGION and the AWS config say', async () => {
      const result = await runCli(['check', 'make.js', '--format', 'json'], dir);
      assert.equal(result.code, 0, result.stdout);
      assert.deepEqual(JSON.parse(result.stdout), []);
    });

    it('--assume-region judges it in that region and names the flag as the source', async () => {
      const result = await runCli(['check', 'make.js', '--format', 'json', '--assume-region', 'eu-west-1'], dir);
      assert.equal(result.code, 1, result.stderr);
      const [finding] = JSON.parse(result.stdout) as Array<{ rule: string; properties?: Record<string, unknown> }>;
      assert.equal(finding?.properties?.clientRegion, 'eu-west-1');
      assert.equal(finding?.properties?.regionSource, '`--assume-region`');
      const same = await runCli(['check', 'make.js', '--format', 'json', '--assume-region', 'sa-east-1'], dir);
      assert.equal(same.code, 0, same.stdout);
    });

    it('--assume-region gives no region to a profile named in code', async () => {
      fs.writeFileSync(
        path.join(dir, 'make.sh'),
        'aws s3api create-bucket --bucket c --profile prod --create-bucket-configuration LocationConstraint=eu-west-2\n',
      );
      const result = await runCli(['check', 'make.sh', '--format', 'json', '--assume-region', 'us-west-2'], dir);
      assert.equal(result.code, 0, result.stdout);
    });

    it('a bad region or both flags together is a usage error', async () => {
      const bad = await runCli(['check', 'make.js', '--assume-region', 'mars-1'], dir);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /Not a region code: mars-1/);
      const both = await runCli(['check', 'make.js', '--assume-region', 'eu-west-1', '--use-local-aws-config'], dir);
      assert.equal(both.code, 2);
      assert.match(both.stderr, /exclude each other/);
    });

    it('judges the literal of an AWS_REGION fallback and says when it applies', async () => {
      fs.writeFileSync(
        path.join(dir, 'make.js'),
        sdk.replace('new S3Client({})', "new S3Client({ region: process.env.AWS_REGION ?? 'us-east-1' })"),
      );
      const result = await runCli(['check', 'make.js'], dir);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stdout, /When AWS_REGION is unset, (this [a-z0-9-]+ bucket is created through|CreateBucket fails)/);
    });
  });

  it('checks scripts without an extension by their #! line, as the editor does; other extensionless files are left alone', async () => {
    const failing = 'aws s3api create-bucket --bucket b --region eu-west-1\n';
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.writeFileSync(path.join(dir, 'bin', 'deploy'), `#!/usr/bin/env bash\nset -e\n${failing}`);
    fs.writeFileSync(path.join(dir, 'bin', 'setup'), `#!/bin/sh\n${failing}`);
    fs.writeFileSync(
      path.join(dir, 'bin', 'make-bucket'),
      "#!/usr/bin/env python3\nimport boto3\nboto3.client('s3', region_name='eu-west-1').create_bucket(Bucket='b')\n",
    );
    fs.writeFileSync(path.join(dir, 'bin', 'notes'), `Run this by hand:\n${failing}`);
    fs.writeFileSync(path.join(dir, 'bin', 'server'), `#!/usr/bin/env node\n// ${failing}`);
    const result = await runCli(['check', 'bin', '--format', 'json'], dir);
    assert.equal(result.code, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as Array<{ file: string; rule: string; line: number }>;
    assert.deepEqual(
      findings.map((f) => [f.file, f.rule, f.line]),
      [
        [path.join('bin', 'deploy'), 'tagsight.region-mismatch', 3],
        [path.join('bin', 'make-bucket'), 'tagsight.region-mismatch', 3],
        [path.join('bin', 'setup'), 'tagsight.region-mismatch', 2],
      ],
    );
  });
});

describe('tagsight check: encodings', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-encodings-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const plan = fs.readFileSync(path.join(__dirname, '..', 'analyzers', 'terraform-plan', 'fixtures', 'plan.json'), 'utf8');
  const template = '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": { "B": { "Type": "AWS::S3::Bucket" } }\n}\n';
  const summary = async (file: string) => {
    const result = await runCli(['check', file, '--format', 'json', '--require', 'Owner,NoSuchTagAnywhere'], dir);
    return (JSON.parse(result.stdout) as Array<Record<string, unknown>>).map((f) => [f.rule, f.resource ?? null, f.line, f.column]);
  };

  it('reads a UTF-8 BOM, UTF-16LE and UTF-16BE (with BOM) plan or template as the same text', async () => {
    for (const [name, text] of [
      ['plan.json', plan],
      ['stack.json', template],
    ] as const) {
      fs.writeFileSync(path.join(dir, name), text);
      const expected = await summary(name);
      assert.ok(expected.length > 0 && expected.every(([rule]) => rule !== 'tagsight.parse-error'), JSON.stringify(expected));
      const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const utf16be = Buffer.from(utf16le.subarray(2)).swap16();
      for (const bytes of [
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
        utf16le,
        Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]),
      ]) {
        fs.writeFileSync(path.join(dir, name), bytes);
        assert.deepEqual(await summary(name), expected, `${name} ${bytes.subarray(0, 2).toString('hex')}`);
      }
    }
  });

  it('reports a template it cannot decode as a parse error, never as clean', async () => {
    fs.writeFileSync(path.join(dir, 'stack.json'), Buffer.concat([Buffer.from(template), Buffer.from([0xc3, 0x28])]));
    const result = await runCli(['check', 'stack.json', '--require', 'Owner'], dir);
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      /stack\.json:1:1.*Tagsight could not read this file: it is not valid UTF-8 or UTF-16 text; save it as UTF-8 to have it checked\./,
    );
  });
});
