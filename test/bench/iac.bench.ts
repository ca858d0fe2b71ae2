/**
 * Required-tags analysis on large IaC files and a large workspace:
 * - a generated 20,000-line Terraform file and a 20,000-line CloudFormation template: full analysis (warm, a new
 *   session per run), the bare parse (tree-sitter / yaml) and their ratio (target <= 1.5x), and the time from a
 *   one-character edit to fresh findings through the session API (incremental for Terraform; target < 50 ms);
 * - a workspace of 2,000 generated files (1,000 .tf, 1,000 .yaml): `node dist/cli.js check` wall time (target < 20 s).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Composer, Parser as YamlParser } from 'yaml';
import { CloudFormationAnalyzer } from '../../src/analyzers/cloudformation/analyzer';
import { CFN_YAML_TAGS } from '../../src/analyzers/cloudformation/parse-template';
import type { DocumentAnalyzer, TextChange } from '../../src/analyzers/document-analyzer';
import { createParser } from '../../src/analyzers/parser-runtime';
import { TerraformAnalyzer } from '../../src/analyzers/terraform/analyzer';
import { diskSourceFiles } from '../../src/app/disk-source-files';
import { silentLogger } from '../../src/core/logger';
import type { TagPolicy } from '../../src/core/tag-policy';
import { medianMs, type BenchRow } from './bench';

const LINES = 20_000;
const REPO = path.resolve(__dirname, '..', '..');
const policy: TagPolicy = {
  requirements: [
    { key: 'Owner', source: { kind: 'setting', name: 'bench' } },
    { key: 'CostCenter', source: { kind: 'setting', name: 'bench' } },
    { key: 'Env', allowedValues: ['dev', 'prod'], source: { kind: 'setting', name: 'bench' } },
  ],
};
const context = { policy, logger: silentLogger, files: diskSourceFiles };

export function terraformFile(lines = LINES, seed = 0): string {
  const out = [
    'provider "aws" {',
    '  region = "eu-west-1"',
    '  default_tags {',
    '    tags = local.common',
    '  }',
    '}',
    'locals {',
    '  common = { Owner = "platform" }',
    '}',
  ];
  for (let i = 0; out.length < lines; i++) {
    out.push(`resource "aws_s3_bucket" "bucket_${seed}_${i}" {`, `  bucket = "bucket-${seed}-${i}"`);
    if (i % 3 !== 0)
      out.push(
        '  tags = merge(local.common, {',
        `    CostCenter = "${1000 + i}"`,
        `    Env        = "${i % 5 === 0 ? 'staging' : 'dev'}"`,
        '  })',
      );
    out.push('}', '');
  }
  return out.slice(0, lines).join('\n') + '\n';
}

export function cloudFormationFile(lines = LINES, seed = 0): string {
  const out = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
  for (let i = 0; out.length < lines; i++) {
    out.push(`  Bucket${seed}x${i}:`, '    Type: AWS::S3::Bucket', '    Properties:', `      BucketName: !Sub "\${AWS::AccountId}-b${i}"`);
    if (i % 3 !== 0) {
      out.push(
        '      Tags:',
        '        - Key: Owner',
        '          Value: platform',
        `        - Key: CostCenter`,
        `          Value: "${1000 + i}"`,
      );
      if (i % 2 === 0)
        out.push('        - !If', '          - IsProd', '          - Key: Env', '            Value: prod', '          - !Ref AWS::NoValue');
    }
  }
  return out.slice(0, lines).join('\n') + '\n';
}

/** Replaces one digit of a quoted value in the middle of the file, as the editor reports it. */
export function oneCharacterEdit(text: string, toggle: boolean): { text: string; change: TextChange } {
  const quoted = /"[^"\n\d]*\d/g;
  quoted.lastIndex = Math.floor(text.length / 2);
  const match = quoted.exec(text)!;
  const at = match.index + match[0].length - 1;
  const before = text.slice(0, at).split('\n');
  const line = before.length - 1;
  const character = before[line]!.length;
  const newChar = toggle ? '7' : '3';
  return {
    text: text.slice(0, at) + newChar + text.slice(at + 1),
    change: {
      range: { start: { line, character }, end: { line, character: character + 1 } },
      rangeOffset: at,
      rangeLength: 1,
      text: newChar,
    },
  };
}

export async function measureFile(
  label: string,
  analyzer: DocumentAnalyzer,
  file: string,
  text: string,
  bareParse: () => void,
): Promise<BenchRow[]> {
  // Warm-up: grammar load and JIT.
  const first = analyzer.createSession(file);
  const findings = await first.analyze(text, context);
  first.dispose();
  // Interleaved runs, so that load from other processes on this shared machine hits both measures alike.
  const analysisTimes: number[] = [];
  const parseTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    let start = process.hrtime.bigint();
    const session = analyzer.createSession(file);
    await session.analyze(text, context);
    session.dispose();
    analysisTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
    start = process.hrtime.bigint();
    bareParse();
    parseTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  const analysis = median(analysisTimes);
  const parse = median(parseTimes);
  const session = analyzer.createSession(file);
  let current = text;
  await session.analyze(current, context);
  let toggle = false;
  const edit = await medianMs(9, async () => {
    toggle = !toggle;
    const next = oneCharacterEdit(current, toggle);
    current = next.text;
    await session.analyze(current, context, [next.change]);
  });
  session.dispose();
  const ratio = analysis / parse;
  return [
    {
      name: `${label}: full analysis, 20k lines (warm)`,
      timeMs: analysis,
      notes: `${findings.length} findings; median of 7, interleaved with the parse`,
    },
    { name: `${label}: bare parse, 20k lines`, timeMs: parse, notes: `analysis/parse = ${ratio.toFixed(2)}x (target <= 1.5x)` },
    { name: `${label}: 1-char edit -> fresh findings`, timeMs: edit, notes: `median of 9 (target < 50 ms)` },
  ];
}

async function workspaceCheck(): Promise<BenchRow> {
  const cli = path.join(REPO, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) {
    const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: REPO, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-bench-ws-'));
  try {
    for (let i = 0; i < 1000; i++) {
      const module = path.join(dir, `module-${Math.floor(i / 50)}`);
      fs.mkdirSync(module, { recursive: true });
      fs.writeFileSync(path.join(module, `file-${i}.tf`), terraformFile(40, i));
      const stacks = path.join(dir, 'stacks', `group-${Math.floor(i / 100)}`);
      fs.mkdirSync(stacks, { recursive: true });
      fs.writeFileSync(path.join(stacks, `stack-${i}.yaml`), cloudFormationFile(40, i));
    }
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json', '--require', 'Owner,CostCenter'], {
      cwd: dir,
      maxBuffer: 512 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 1) throw new Error(`tagsight check exited ${result.status}: ${result.stderr.toString().slice(0, 500)}`);
    const count = (JSON.parse(result.stdout.toString()) as unknown[]).length;
    return {
      name: 'cli: tagsight check, 2,000 files (1,000 .tf + 1,000 .yaml)',
      timeMs: ms,
      notes: `${count} findings; one run, includes Node start-up (target < 20 s)`,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const tf = terraformFile();
  const parser = await createParser('terraform');
  const terraform = new TerraformAnalyzer();
  rows.push(
    ...(await measureFile('terraform', terraform, path.join(os.tmpdir(), 'tagsight-bench-none', 'main.tf'), tf, () =>
      parser.parse(tf)!.delete(),
    )),
  );
  terraform.dispose();
  parser.delete();

  const cfn = cloudFormationFile();
  rows.push(
    ...(await measureFile('cloudformation', new CloudFormationAnalyzer(), '/tmp/tagsight-bench/template.yaml', cfn, () => {
      const composer = new Composer({ customTags: CFN_YAML_TAGS, uniqueKeys: false });
      for (const _ of composer.compose(new YamlParser().parse(cfn), true)) void _;
    })),
  );
  // A typical template is far smaller than 20k lines.
  const small = cloudFormationFile(2000);
  const smallSession = new CloudFormationAnalyzer().createSession('/tmp/tagsight-bench/small.yaml');
  let current = small;
  await smallSession.analyze(current, context);
  let toggle = false;
  const smallEdit = await medianMs(9, async () => {
    toggle = !toggle;
    const next = oneCharacterEdit(current, toggle);
    current = next.text;
    await smallSession.analyze(current, context, [next.change]);
  });
  smallSession.dispose();
  rows.push({ name: 'cloudformation: 1-char edit -> fresh findings, 2k lines', timeMs: smallEdit, notes: 'median of 9 (target < 50 ms)' });
  rows.push(await workspaceCheck());
  return rows;
}
