/**
 * Required tags on a generated 20,000-line CDK app in TypeScript (a stack class of L2 and L1 constructs with
 * Tags.of calls, instantiated under an App with stack tags): full analysis against the bare tree-sitter parse
 * (target <= 1.5x) and a one-character edit to fresh findings through the session API (target < 50 ms).
 */
import * as path from 'node:path';
import * as os from 'node:os';
import { CdkAnalyzer } from '../../src/analyzers/cdk/analyzer';
import { createParser } from '../../src/analyzers/parser-runtime';
import { silentLogger } from '../../src/core/logger';
import type { TextChange } from '../../src/analyzers/document-analyzer';
import { type BenchRow, medianMs } from './bench';
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
  const tail = [
    '  }',
    '}',
    '',
    'const app = new cdk.App();',
    "new BigStack(app, 'Big', { tags: { Env: 'dev' } });",
    'Tags.of(app).add("Owner", "platform");',
    'app.synth();',
    '',
  ];
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
  const rows = await measureFile('cdk typescript', new CdkAnalyzer(), path.join(os.tmpdir(), 'tagsight-bench-none', 'app.ts'), text, () =>
    parser.parse(text)!.delete(),
  );
  parser.delete();
  rows.push(await tagValueEdit(text));
  return rows;
}

/** A digit of a Tags.of value in the middle of the file: an edit the tag model reads, so the analysis runs whole. */
function tagValueEdit(text: string): Promise<BenchRow> {
  const policy = { requirements: ['Owner', 'CostCenter'].map((key) => ({ key, source: { kind: 'setting' as const, name: 'bench' } })) };
  const session = new CdkAnalyzer().createSession(path.join(os.tmpdir(), 'tagsight-bench-none', 'app.ts'));
  let current = text;
  let toggle = false;
  const edit = (): { text: string; change: TextChange } => {
    const at = current.indexOf('.add("CostCenter", "', Math.floor(current.length / 2)) + '.add("CostCenter", "'.length;
    const before = current.slice(0, at).split('\n');
    const position = { line: before.length - 1, character: before[before.length - 1]!.length };
    toggle = !toggle;
    const digit = toggle ? '7' : '3';
    return {
      text: current.slice(0, at) + digit + current.slice(at + 1),
      change: {
        range: { start: position, end: { ...position, character: position.character + 1 } },
        rangeOffset: at,
        rangeLength: 1,
        text: digit,
      },
    };
  };
  return (async () => {
    await session.analyze(current, { policy, logger: silentLogger });
    const timeMs = await medianMs(9, async () => {
      const next = edit();
      current = next.text;
      await session.analyze(current, { policy, logger: silentLogger }, [next.change]);
    });
    session.dispose();
    return {
      name: 'cdk typescript: 1-char edit in a Tags.of value -> fresh findings',
      timeMs,
      notes: 'median of 9; the tag model changes, so the whole program is evaluated again',
    };
  })();
}
