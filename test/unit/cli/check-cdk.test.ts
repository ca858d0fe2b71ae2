import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main';

async function runCli(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.resume();
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(['node', 'tagsight', ...args], {
      stdout: stdout as unknown as typeof process.stdout,
      stderr: stderr as unknown as typeof process.stderr,
    });
    return { code, stdout: out };
  } finally {
    process.chdir(previous);
  }
}

describe('tagsight check on CDK apps', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-check-cdk-'));
    fs.writeFileSync(path.join(dir, 'tag-policy.json'), '{"tags":{"owner":{"tag_key":{"@@assign":"Owner"}}}}');
    fs.writeFileSync(
      path.join(dir, 'app.ts'),
      "import * as cdk from 'aws-cdk-lib';\nimport * as s3 from 'aws-cdk-lib/aws-s3';\n\nconst app = new cdk.App();\nconst stack = new cdk.Stack(app, 'Prod');\nnew s3.Bucket(stack, 'Logs');\n",
    );
    fs.writeFileSync(
      path.join(dir, 'app.py'),
      'import aws_cdk as cdk\nfrom aws_cdk import aws_sqs as sqs\n\napp = cdk.App()\nstack = cdk.Stack(app, "Py")\nsqs.Queue(stack, "Jobs")\n',
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports constructs of TypeScript and Python apps in text, JSON and SARIF', async () => {
    const text = await runCli(['check'], dir);
    assert.equal(text.code, 1);
    assert.match(
      text.stdout,
      /^app\.py:6:1: warning: Py\/Jobs is missing required tag "Owner"; add it\. \[tagsight\.missing-tags\]\n  note: Required by policy file tag-policy\.json\.$/m,
    );
    assert.match(text.stdout, /^app\.ts:6:1: warning: Prod\/Logs is missing required tag "Owner"/m);
    const json = JSON.parse((await runCli(['check', '--format', 'json'], dir)).stdout) as Array<{
      file: string;
      resource: string;
      properties: Record<string, string>;
    }>;
    assert.deepEqual(json.map((f) => [f.file, f.resource, f.properties.resourceType]).sort(), [
      ['app.py', 'Py/Jobs', 'AWS::SQS::Queue'],
      ['app.ts', 'Prod/Logs', 'AWS::S3::Bucket'],
    ]);
    const sarif = JSON.parse((await runCli(['check', '--format', 'sarif'], dir)).stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
    assert.deepEqual(sarif.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri]).sort(), [
      ['tagsight.missing-tags', 'app.py'],
      ['tagsight.missing-tags', 'app.ts'],
    ]);
  });
});
