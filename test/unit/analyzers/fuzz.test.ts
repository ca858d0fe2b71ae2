import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { CloudFormationAnalyzer } from '../../../src/analyzers/cloudformation/analyzer';
import type { DocumentAnalyzer } from '../../../src/analyzers/document-analyzer';
import { createParser, type GrammarName } from '../../../src/analyzers/parser-runtime';
import { createPulumiAnalyzer } from '../../../src/analyzers/pulumi/analyzer';
import {
  createCSharpRegionAnalyzer,
  createGoRegionAnalyzer,
  createJavaRegionAnalyzer,
} from '../../../src/analyzers/region/region-analyzer';
import { TerraformAnalyzer } from '../../../src/analyzers/terraform/analyzer';
import { TerraformPlanAnalyzer } from '../../../src/analyzers/terraform-plan/analyzer';
import type { CodeFinding } from '../../../src/core/code-finding';
import { silentLogger } from '../../../src/core/logger';
import type { Range } from '../../../src/core/range';
import type { TagPolicy } from '../../../src/core/tag-policy';

/**
 * Property tests over mutated real files (the conformance inputs and test fixtures): deleting, inserting and
 * duplicating random spans never crashes an analyzer, never takes long, and every range (findings and fix
 * edits) lies inside the document. Sessions are reused across mutations with the change passed on, so the
 * incremental reparse path is fuzzed too.
 */
const CONFORMANCE = path.resolve(__dirname, '..', '..', 'conformance', 'cases');
const FIXTURES = path.resolve(__dirname, '..', '..', 'integration', 'fixtures', 'iac');
const PLAN_FIXTURES = path.resolve(__dirname, 'terraform-plan', 'fixtures');
const REACH_FIXTURES = path.resolve(__dirname, '..', '..', 'integration', 'fixtures', 'reach');
const MAX_MS_PER_CASE = 2000;

const policy: TagPolicy = {
  requirements: [
    { key: 'Owner', source: { kind: 'setting', name: 'fuzz' } },
    { key: 'Env', allowedValues: ['dev', 'prod*'], source: { kind: 'setting', name: 'fuzz' } },
    { key: 'Foo', resourceTypes: ['AWS::S3::Bucket', 'aws_instance'], source: { kind: 'setting', name: 'fuzz' } },
  ],
};

function collect(dir: string, pattern: RegExp, out: string[] = []): string[] {
  assert.ok(fs.existsSync(dir), `Fuzz inputs not found at ${dir}.`);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) collect(full, pattern, out);
    else if (pattern.test(entry.name)) out.push(fs.readFileSync(full, 'utf8'));
  }
  return out;
}

type Mutation = { kind: 'delete' | 'insert' | 'duplicate'; at: number; length: number; source: number };

const mutation = fc.record({
  kind: fc.constantFrom<'delete' | 'insert' | 'duplicate'>('delete', 'insert', 'duplicate'),
  at: fc.nat(),
  length: fc.nat({ max: 60 }),
  source: fc.nat(),
});

function mutate(text: string, m: Mutation): { text: string; offset: number; removed: number; inserted: string } {
  const at = text.length ? m.at % (text.length + 1) : 0;
  if (m.kind === 'delete') {
    const removed = Math.min(m.length, text.length - at);
    return { text: text.slice(0, at) + text.slice(at + removed), offset: at, removed, inserted: '' };
  }
  const from = text.length ? m.source % text.length : 0;
  const piece = m.kind === 'duplicate' ? text.slice(at, at + m.length) : text.slice(from, from + m.length) || '{"\n!';
  return { text: text.slice(0, at) + piece + text.slice(at), offset: at, removed: 0, inserted: piece };
}

function positionAt(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

const parsers = new Map<GrammarName, Awaited<ReturnType<typeof createParser>>>();
const TREE_SITTER_FILES: Record<string, GrammarName> = {
  '.tf': 'terraform',
  '.ts': 'typescript',
  '.py': 'python',
  '.go': 'go',
  '.java': 'java',
  '.cs': 'csharp',
};

/**
 * Whether an incremental result must equal a fresh one: always for templates (their reuse path falls back to a
 * full parse), and for tree-sitter languages when the text parses without errors. With syntax errors tree-sitter's
 * incremental error recovery may legitimately build a different (equally valid) tree than a fresh parse.
 */
async function comparable(fileName: string, text: string): Promise<boolean> {
  const grammar = TREE_SITTER_FILES[path.extname(fileName)];
  if (!grammar) return true;
  let parser = parsers.get(grammar);
  if (!parser) {
    parser = await createParser(grammar);
    parsers.set(grammar, parser);
  }
  const tree = parser.parse(text);
  const clean = tree ? !tree.rootNode.hasError : false;
  tree?.delete();
  return clean;
}

function assertInside(text: string, range: Range, what: string): void {
  const lines = text.split('\n');
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} outside 0..${lines.length - 1}`);
    assert.ok(
      p.character >= 0 && p.character <= lines[p.line]!.length,
      `${what}: character ${p.character} outside line ${p.line} (length ${lines[p.line]!.length})`,
    );
  }
  assert.ok(
    range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character),
    `${what}: start after end`,
  );
}

function checkFindings(text: string, findings: readonly CodeFinding[]): void {
  for (const finding of findings) {
    assertInside(text, finding.range, `${finding.rule} ${finding.resource}`);
    for (const fix of finding.fixes ?? []) for (const edit of fix.edits) assertInside(text, edit.range, `fix "${fix.title}"`);
  }
}

async function fuzz(analyzer: DocumentAnalyzer, fileName: string, corpus: string[], runs: number): Promise<void> {
  assert.ok(corpus.length > 0, `no corpus files for ${fileName}`);
  await fc.assert(
    fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), async (pick, mutations) => {
      let text = corpus[pick % corpus.length]!;
      const session = analyzer.createSession(`/nonexistent-fuzz-dir/${fileName}`);
      let last: CodeFinding[] = [];
      try {
        checkFindings(text, await session.analyze(text, { policy, logger: silentLogger }));
        for (const m of mutations) {
          const before = text;
          const next = mutate(before, m);
          const start = positionAt(before, next.offset);
          const end = positionAt(before, next.offset + next.removed);
          text = next.text;
          const started = Date.now();
          const findings = await session.analyze(text, { policy, logger: silentLogger }, [
            { range: { start, end }, rangeOffset: next.offset, rangeLength: next.removed, text: next.inserted },
          ]);
          assert.ok(Date.now() - started < MAX_MS_PER_CASE, `analysis took ${Date.now() - started} ms`);
          checkFindings(text, findings);
          last = findings;
        }
        // The incremental path must agree with a fresh parse of the same text (see comparable()).
        const fresh = analyzer.createSession(`/nonexistent-fuzz-dir/${fileName}`);
        try {
          if (await comparable(fileName, text)) assert.deepEqual(await fresh.analyze(text, { policy, logger: silentLogger }), last);
        } finally {
          fresh.dispose();
        }
      } finally {
        session.dispose();
      }
    }),
    { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? 4242) },
  );
}

describe('fuzz: mutated real files', function () {
  this.timeout(60_000);

  it('Terraform: no crash, no hang, ranges inside the document (incremental sessions)', async () => {
    const analyzer = new TerraformAnalyzer();
    try {
      await fuzz(analyzer, 'main.tf', collect(CONFORMANCE, /\.tf$/).concat(collect(FIXTURES, /\.tf$/)), 150);
    } finally {
      analyzer.dispose();
    }
  });

  it('CloudFormation YAML and JSON: no crash, no hang, ranges inside the document', async () => {
    const analyzer = new CloudFormationAnalyzer();
    await fuzz(analyzer, 'template.yaml', collect(CONFORMANCE, /^template\.yaml$/).concat(collect(FIXTURES, /\.yaml$/)), 120);
    const json = collect(CONFORMANCE, /^template\.yaml$/)
      .slice(0, 3)
      .map((_, i) =>
        JSON.stringify(
          {
            AWSTemplateFormatVersion: '2010-09-09',
            Resources: {
              [`B${i}`]: {
                Type: 'AWS::S3::Bucket',
                Properties: {
                  Tags: [{ Key: 'Owner', Value: { Ref: 'X' } }, { 'Fn::If': ['C', { Key: 'Env', Value: 'x' }, { Ref: 'AWS::NoValue' }] }],
                },
              },
            },
          },
          null,
          2,
        ),
      );
    await fuzz(analyzer, 'template.json', json, 80);
  });

  it('Terraform plan JSON: no crash, no hang, ranges inside the document (pretty and one-line plans)', async () => {
    const plans = collect(CONFORMANCE, /^tfplan\.json$/).concat(collect(PLAN_FIXTURES, /\.json$/));
    await fuzz(new TerraformPlanAnalyzer(), 'plan.json', plans.concat(plans.map((text) => JSON.stringify(JSON.parse(text)))), 120);
  });

  it('Pulumi programs and Go, Java, C# code: no crash, no hang, ranges inside the document', async () => {
    const python =
      'import pulumi\nimport pulumi_aws as aws\np = aws.Provider("p", default_tags=aws.ProviderDefaultTagsArgs(tags={"Owner": "o"}))\naws.s3.Bucket("b", tags={"Env": "qa"}, opts=pulumi.ResourceOptions(provider=p))\naws.ec2.Instance("i")\n';
    const csharp =
      'class B {\n  private readonly IAmazonS3 _s3 = new AmazonS3Client(RegionEndpoint.USEast1);\n  async Task M() {\n    await _s3.PutBucketAsync(new PutBucketRequest { BucketName = "b", BucketRegionName = "ap-northeast-2" });\n  }\n}\n';
    const cases: Array<[DocumentAnalyzer, string, string[]]> = [
      [createPulumiAnalyzer(), 'index.ts', collect(REACH_FIXTURES, /\.ts$/)],
      [createPulumiAnalyzer(), '__main__.py', [python]],
      [createGoRegionAnalyzer(), 'main.go', collect(REACH_FIXTURES, /\.go$/)],
      [createJavaRegionAnalyzer(), 'Buckets.java', collect(REACH_FIXTURES, /\.java$/)],
      [createCSharpRegionAnalyzer(), 'Buckets.cs', [csharp]],
    ];
    for (const [analyzer, fileName, corpus] of cases) await fuzz(analyzer, fileName, corpus, 60);
  });

  it('single-character edits as the user types: the session agrees with a full parse every time', async () => {
    const template = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
    for (let i = 0; i < 12; i++) {
      template.push(`  Bucket${i}:`, '    Type: AWS::S3::Bucket', '    Properties:', `      BucketName: b${i}`);
      if (i % 2)
        template.push(
          '      Tags:',
          '        - Key: Owner',
          `          Value: o${i}`,
          '        - !If [IsProd, {Key: Env, Value: prod}, !Ref AWS::NoValue]',
        );
    }
    const terraform: string[] = ['provider "aws" {', '  default_tags {', '    tags = { Owner = "x" }', '  }', '}'];
    for (let i = 0; i < 12; i++)
      terraform.push(
        `resource "aws_s3_bucket" "b${i}" {`,
        `  bucket = "b${i}"`,
        ...(i % 2 ? ['  tags = {', `    Env = "dev${i}"`, '  }'] : []),
        '}',
      );
    const edit = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('insert', 'delete', 'replace'),
      char: fc.constantFrom('a', 'Z', '1', ' ', ':', '"', '-', '{', '}', '!', '#'),
    });
    const cases: Array<[DocumentAnalyzer, string, string]> = [
      [new CloudFormationAnalyzer(), 'template.yaml', template.join('\n') + '\n'],
      [new TerraformAnalyzer(), 'main.tf', terraform.join('\n') + '\n'],
    ];
    for (const [analyzer, fileName, initial] of cases) {
      await fc.assert(
        fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 15 }), async (edits) => {
          const session = analyzer.createSession(`/nonexistent-fuzz-dir/${fileName}`);
          const fresh = analyzer.createSession(`/nonexistent-fuzz-dir/${fileName}`);
          try {
            let text = initial;
            await session.analyze(text, { policy, logger: silentLogger });
            for (const e of edits) {
              const at = e.at % (text.length + 1);
              if (text[at] === '\n' && e.kind !== 'insert') continue;
              const removed = e.kind === 'insert' || at >= text.length ? 0 : 1;
              const inserted = e.kind === 'delete' ? '' : e.char;
              const start = positionAt(text, at);
              const end = positionAt(text, at + removed);
              text = text.slice(0, at) + inserted + text.slice(at + removed);
              const incremental = await session.analyze(text, { policy, logger: silentLogger }, [
                { range: { start, end }, rangeOffset: at, rangeLength: removed, text: inserted },
              ]);
              const full = await fresh.analyze(text, { policy, logger: silentLogger });
              if (await comparable(fileName, text)) assert.deepEqual(incremental, full);
            }
          } finally {
            session.dispose();
            fresh.dispose();
          }
        }),
        { numRuns: 60, seed: Number(process.env.FUZZ_SEED ?? 4242) },
      );
      (analyzer as { dispose?: () => void }).dispose?.();
    }
  });
});
