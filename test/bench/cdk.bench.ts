/**
 * Required tags on a generated 20,000-line CDK app in TypeScript (a stack class of L2 and L1 constructs with
 * Tags.of calls, instantiated under an App with stack tags): full analysis against the bare tree-sitter parse
 * (target <= 1.5x) and a one-character edit to fresh findings through the session API (target < 50 ms).
 */
import * as path from 'node:path';
import * as os from 'node:os';
import { CdkAnalyzer } from '../../src/analyzers/cdk/analyzer';
import { createParser } from '../../src/analyzers/parser-runtime';
import type { BenchRow } from './bench';
import { measureFile } from './iac.bench';

const LINES = 20_000;

export function cdkTypeScriptFile(lines = LINES): string {
  const out = [
    "import * as cdk from 'aws-cdk-lib';",
    "import { Tags } from 'aws-cdk-lib';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
    "import * as sqs from 'aws-cdk-lib/aws-sqs';",
    "import { Construct } from 'constructs';",
    '',
    'export class BigStack extends cdk.Stack {',
    '  constructor(scope: Construct, id: string, props?: cdk.StackProps) {',
    '    super(scope, id, props);',
  ];
  const tail = ['  }', '}', '', 'const app = new cdk.App();', "new BigStack(app, 'Big', { tags: { Env: 'dev' } });", 'Tags.of(app).add("Owner", "platform");', 'app.synth();', ''];
  for (let i = 0; out.length < lines - tail.length - 8; i++) {
    out.push(
      `    const bucket${i} = new s3.Bucket(this, 'Bucket${i}', {`,
      '      versioned: true,',
      `      bucketName: "bucket-${i}",`,
      '    });',
    );
    if (i % 3 !== 0) out.push(`    Tags.of(bucket${i}).add("CostCenter", "${1000 + i}");`);
    out.push(`    new sqs.CfnQueue(this, 'Queue${i}', { tags: [{ key: "CostCenter", value: "${2000 + i}" }] });`, '');
  }
  return [...out, ...tail].join('\n');
}

export async function run(): Promise<BenchRow[]> {
  const text = cdkTypeScriptFile();
  const parser = await createParser('typescript');
  const rows = await measureFile('cdk typescript', new CdkAnalyzer(), path.join(os.tmpdir(), 'tagsight-bench-none', 'app.ts'), text, () => parser.parse(text)!.delete());
  parser.delete();
  return rows;
}
