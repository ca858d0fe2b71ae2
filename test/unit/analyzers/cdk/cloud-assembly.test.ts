import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CdkAnalyzer } from '../../../../src/analyzers/cdk/analyzer';
import { diskSourceFiles } from '../../../../src/app/disk-source-files';
import type { CodeFinding } from '../../../../src/core/code-finding';
import { silentLogger } from '../../../../src/core/logger';
import { applyEdits } from '../terraform/analyze';
import { policyOf } from './analyze';

/**
 * A project as `cdk synth` leaves it: the stack class in lib/, the app in bin/, and cdk.out with manifest.json and
 * one template per stack (the shapes of aws-cdk-lib 2.x output: `aws:cdk:path` metadata, logical ids with hashes).
 */
const STACK_SOURCE = `import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const logs = new s3.Bucket(this, 'Logs', { versioned: true });
    new sqs.Queue(this, 'Jobs');
  }
}
`;

function template(resources: Record<string, { type: string; path: string; tags?: Array<{ Key: string; Value: unknown }> }>): unknown {
  const out: Record<string, unknown> = {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    out[logicalId] = {
      Type: resource.type,
      Properties: resource.tags ? { Tags: resource.tags } : {},
      Metadata: { 'aws:cdk:path': resource.path },
    };
  }
  out.CDKMetadata = {
    Type: 'AWS::CDK::Metadata',
    Properties: { Analytics: 'v2:deflate64:xyz' },
    Metadata: { 'aws:cdk:path': 'Prod/CDKMetadata/Default' },
  };
  return {
    Resources: out,
    Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } },
  };
}

const PROD_TEMPLATE = template({
  Logs6819BB44: { type: 'AWS::S3::Bucket', path: 'Prod/Logs/Resource', tags: [{ Key: 'CostCenter', Value: '42' }] },
  LogsPolicy: { type: 'AWS::S3::BucketPolicy', path: 'Prod/Logs/Policy/Resource' },
  Jobs8C1A9F0E: {
    type: 'AWS::SQS::Queue',
    path: 'Prod/Jobs/Resource',
    tags: [
      { Key: 'CostCenter', Value: '42' },
      { Key: 'Owner', Value: 'queue-team' },
    ],
  },
});

function manifest(stackTags: Record<string, string>): unknown {
  return {
    version: '36.0.0',
    artifacts: {
      Prod: {
        type: 'aws:cloudformation:stack',
        environment: 'aws://unknown-account/unknown-region',
        properties: { templateFile: 'Prod.template.json', tags: stackTags },
        displayName: 'Prod',
      },
      Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
    },
  };
}

interface Project {
  readonly dir: string;
  readonly stackFile: string;
}

function project(
  source = STACK_SOURCE,
  prodTemplate: unknown = PROD_TEMPLATE,
  stackTags: Record<string, string> = { Env: 'prod' },
): Project {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-cdk-'));
  fs.mkdirSync(path.join(dir, 'lib'));
  fs.mkdirSync(path.join(dir, 'cdk.out'));
  fs.writeFileSync(path.join(dir, 'cdk.json'), '{ "app": "npx ts-node bin/app.ts" }\n');
  const stackFile = path.join(dir, 'lib', 'app-stack.ts');
  fs.writeFileSync(stackFile, source);
  fs.writeFileSync(path.join(dir, 'cdk.out', 'Prod.template.json'), JSON.stringify(prodTemplate, null, 1));
  fs.writeFileSync(path.join(dir, 'cdk.out', 'manifest.json'), JSON.stringify(manifest(stackTags), null, 1));
  // The synth ran after the last edit of the source.
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(stackFile, past, past);
  return { dir, stackFile };
}

async function analyzeFile(
  file: string,
  text = fs.readFileSync(file, 'utf8'),
  keys = ['Owner', 'CostCenter', 'Env'],
): Promise<CodeFinding[]> {
  const session = new CdkAnalyzer().createSession(file);
  try {
    // The CLI's view of other files (the disk); cdk.out is read through it, never by the analyzer itself.
    return await session.analyze(text, { policy: policyOf(...keys), logger: silentLogger, files: diskSourceFiles });
  } finally {
    session.dispose();
  }
}

describe('CDK: a synthesized cdk.out, mapped back to the source', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const make = (...args: Parameters<typeof project>) => {
    const result = project(...args);
    made.push(result.dir);
    return result;
  };

  it('reports a synthesized resource missing a tag at the line of the construct that made it, counting the stack tags', async () => {
    const { stackFile } = make();
    const findings = await analyzeFile(stackFile);
    assert.equal(findings.length, 1, JSON.stringify(findings));
    const finding = findings[0]!;
    assert.equal(finding.message, 'Prod/Logs/Resource in cdk.out/Prod.template.json is missing required tag "Owner"; add it.');
    assert.deepEqual(finding.details, ['Required by policy file tag-policy.json.']);
    assert.equal(finding.range.start.line, 8, "the line of new s3.Bucket(this, 'Logs')");
    assert.equal(finding.properties?.logicalId, 'Logs6819BB44');
    const fixed = applyEdits(STACK_SOURCE, finding.fixes![0]!.edits);
    assert.ok(fixed.includes("new s3.Bucket(this, 'Logs', { versioned: true });\n    cdk.Tags.of(logs).add('Owner', '');\n"), fixed);
  });

  it("ignores a cdk.out older than the source, or a source edited since (the editor's text differs from the file)", async () => {
    const { stackFile, dir } = make();
    const now = new Date();
    fs.utimesSync(stackFile, now, now);
    fs.utimesSync(path.join(dir, 'cdk.out', 'manifest.json'), new Date(now.getTime() - 120_000), new Date(now.getTime() - 120_000));
    assert.deepEqual(await analyzeFile(stackFile), []);
    const { stackFile: fresh } = make();
    assert.deepEqual(
      await analyzeFile(
        fresh,
        STACK_SOURCE.replace("new sqs.Queue(this, 'Jobs');", "new sqs.Queue(this, 'Jobs');\n    cdk.Tags.of(logs).add('Owner', 'x');"),
      ),
      [],
    );
  });

  it('does not take a stack for an instance of the class when its constructs differ', async () => {
    const other = template({
      Logs6819BB44: { type: 'AWS::S3::Bucket', path: 'Prod/Logs/Resource' },
      Archive1234ABCD: { type: 'AWS::S3::Bucket', path: 'Prod/Archive/Resource' },
    });
    const { stackFile } = make(STACK_SOURCE, other);
    assert.deepEqual(await analyzeFile(stackFile), []);
  });

  it('reports nothing for tags that are an intrinsic in the template', async () => {
    const intrinsic = template({
      Logs6819BB44: { type: 'AWS::S3::Bucket', path: 'Prod/Logs/Resource' },
      Jobs8C1A9F0E: { type: 'AWS::SQS::Queue', path: 'Prod/Jobs/Resource' },
    }) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    intrinsic.Resources.Logs6819BB44!.Properties.Tags = { 'Fn::If': ['IsProd', [], []] };
    intrinsic.Resources.Jobs8C1A9F0E!.Properties.Tags = [
      { Key: 'Owner', Value: { Ref: 'OwnerParam' } },
      { Key: 'CostCenter', Value: '1' },
    ];
    const { stackFile } = make(STACK_SOURCE, intrinsic);
    assert.deepEqual(await analyzeFile(stackFile), []);
  });

  it('does not repeat what the source analysis already reports for the same construct', async () => {
    const app = `${STACK_SOURCE}\nconst app = new cdk.App();\nnew AppStack(app, 'Prod', { tags: { Env: 'prod' } });\n`;
    const { stackFile } = make(app);
    const findings = await analyzeFile(stackFile);
    // The source knows Logs and Jobs lack Owner and CostCenter; cdk.out adds nothing for them.
    assert.deepEqual(
      findings.map((f) => f.resource),
      ['Prod/Logs', 'Prod/Jobs'],
    );
  });
});
