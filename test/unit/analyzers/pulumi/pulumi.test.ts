import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createPulumiAnalyzer } from '../../../../src/analyzers/pulumi/analyzer';
import { readProjectDefaultTags } from '../../../../src/analyzers/pulumi/project-files';
import { diskSourceFiles } from '../../../../src/app/disk-source-files';
import { defaultProviderTags } from '../../../../src/analyzers/pulumi/stack-config';
import type { CodeFinding } from '../../../../src/core/code-finding';
import { silentLogger } from '../../../../src/core/logger';
import type { TagPolicy } from '../../../../src/core/tag-policy';
import { stripSnippet } from '../../../../src/report/code-snippet';
import { applyEdits } from '../region/helpers';
import { requireKeys } from '../terraform/analyze';

const POLICY = requireKeys('Owner', 'Team');

/** Analyses `program` in a temp Pulumi project holding `files` (Pulumi.yaml is added unless given). */
async function analyzeProgram(
  name: string,
  program: string,
  files: Record<string, string> = {},
  policy: TagPolicy = POLICY,
): Promise<CodeFinding[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-pulumi-'));
  try {
    const all = { 'Pulumi.yaml': 'name: demo\nruntime: nodejs\n', ...files, [name]: program };
    for (const [file, text] of Object.entries(all)) fs.writeFileSync(path.join(dir, file), text);
    const analyzer = createPulumiAnalyzer();
    assert.ok(analyzer.handles(path.join(dir, name)));
    const session = analyzer.createSession(path.join(dir, name));
    try {
      const findings = await session.analyze(program, { policy, logger: silentLogger, files: diskSourceFiles });
      if (findings.length > 0) assert.ok(analyzer.mayFindIn(program));
      return findings;
    } finally {
      session.dispose();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function fixed(text: string, finding: CodeFinding | undefined): string {
  const fix = finding?.fixes?.[0];
  assert.ok(fix, 'a quick fix');
  assert.ok(fix.isSnippet);
  return applyEdits(
    text,
    fix.edits.map((edit) => ({ ...edit, newText: stripSnippet(edit.newText) })),
  );
}

const TS_HEAD = 'import * as aws from "@pulumi/aws";\n';

describe('Pulumi analyzer: TypeScript', () => {
  it('reports missing keys on a bucket and fixes them in its tags object with empty values', async () => {
    const text = `${TS_HEAD}const logs = new aws.s3.Bucket("logs", { tags: { Owner: "ops" } });\n`;
    const [finding, ...rest] = await analyzeProgram('index.ts', text);
    assert.equal(rest.length, 0);
    assert.equal(finding!.rule, 'tagsight.missing-tags');
    assert.deepEqual(finding!.missing, ['Team']);
    assert.match(finding!.message, /^aws\.s3\.Bucket "logs" is missing required tag "Team"/);
    assert.ok(finding!.message.length <= 160);
    assert.equal(finding!.range.start.line, 1);
    const after = fixed(text, finding);
    assert.match(after, /tags: \{ Owner: "ops", Team: "" \}/);
    assert.deepEqual(await analyzeProgram('index.ts', after), []);
  });

  it('BucketV2 maps to aws_s3_bucket; no args gets a tags argument; args without tags get a tags property', async () => {
    const bare = `${TS_HEAD}new aws.s3.BucketV2("b");\n`;
    const [finding] = await analyzeProgram('index.ts', bare);
    assert.deepEqual(finding!.missing, ['Owner', 'Team']);
    assert.match(fixed(bare, finding), /new aws\.s3\.BucketV2\("b", \{ tags: \{ Owner: "", Team: "" \} \}\)/);
    const withArgs = `${TS_HEAD}new aws.s3.BucketV2("b", { acl: "private" });\n`;
    const [second] = await analyzeProgram('index.ts', withArgs);
    assert.match(fixed(withArgs, second), /\{ acl: "private", tags: \{ Owner: "", Team: "" \} \}/);
  });

  it('named module imports and require() are followed; types that take no tags are not judged', async () => {
    const named =
      'import { s3, ec2 } from "@pulumi/aws";\nnew s3.Bucket("b", {});\nnew ec2.Instance("i", { ami: "x" });\nnew s3.BucketPolicy("p", { bucket: "b", policy: "{}" });\n';
    const findings = await analyzeProgram('index.ts', named);
    assert.deepEqual(
      findings.map((f) => f.resource),
      ['s3.Bucket "b"', 'ec2.Instance "i"'],
    );
    const required = 'const aws = require("@pulumi/aws");\nnew aws.s3.Bucket("b", {});\n';
    assert.equal((await analyzeProgram('index.js', required)).length, 1);
  });

  it('spreads, variables and calls are unknown: no finding', async () => {
    const cases = [
      `${TS_HEAD}new aws.s3.Bucket("b", { tags: { Owner: "o", ...common } });\n`,
      `${TS_HEAD}new aws.s3.Bucket("b", { tags: commonTags });\n`,
      `${TS_HEAD}new aws.s3.Bucket("b", { tags: makeTags() });\n`,
      `${TS_HEAD}new aws.s3.Bucket("b", bucketArgs);\n`,
      `${TS_HEAD}new aws.s3.Bucket("b", { ...args });\n`,
      `${TS_HEAD}new aws.s3.Bucket("b", {}, { provider: someProvider });\n`,
      `${TS_HEAD}new aws.s3.Bucket("b", {}, { parent: component });\n`,
      `${TS_HEAD}new aws.s3.Bucket("b", {}, opts);\n`,
    ];
    for (const text of cases) assert.deepEqual(await analyzeProgram('index.ts', text), [], text);
  });

  it('keys with unknown values count as present; files without @pulumi/aws are not read', async () => {
    assert.deepEqual(
      await analyzeProgram('index.ts', `${TS_HEAD}new aws.s3.Bucket("b", { tags: { Owner: owner, Team: \`t-\${x}\` } });\n`),
      [],
    );
    assert.deepEqual(await analyzeProgram('index.ts', 'import * as aws from "aws-sdk";\nnew aws.s3.Bucket("b", {});\n'), []);
  });

  it("an explicit provider's defaultTags count for the resources it serves", async () => {
    const text = `${TS_HEAD}const tagged = new aws.Provider("tagged", { region: "eu-west-1", defaultTags: { tags: { Owner: "ops", Team: "core" } } });
const plain = new aws.Provider("plain", { region: "eu-west-1" });
new aws.s3.Bucket("a", {}, { provider: tagged });
new aws.s3.Bucket("b", {}, { provider: plain });
new aws.s3.Bucket("c", { tags: { Team: "x" } }, { provider: new aws.Provider("inline", { defaultTags: { tags: { Owner: "o" } } }) });
`;
    const findings = await analyzeProgram('index.ts', text);
    assert.deepEqual(
      findings.map((f) => [f.resource, f.missing]),
      [['aws.s3.Bucket "b"', ['Owner', 'Team']]],
    );
  });

  it('a provider bound twice is unknown', async () => {
    const text = `${TS_HEAD}let p = new aws.Provider("p", {});\np = other;\nnew aws.s3.Bucket("b", {}, { provider: p });\n`;
    assert.deepEqual(await analyzeProgram('index.ts', text), []);
  });

  it('the default provider takes aws:defaultTags from the stack files: a key counts if every stack sets it', async () => {
    const program = `${TS_HEAD}new aws.s3.Bucket("b", { tags: { Team: "core" } });\n`;
    const both = {
      'Pulumi.dev.yaml': 'config:\n  aws:region: eu-west-1\n  aws:defaultTags:\n    tags:\n      Owner: ops\n',
      'Pulumi.prod.yaml': 'config:\n  aws:defaultTags:\n    tags:\n      Owner:\n        secure: AAAB\n',
    };
    assert.deepEqual(await analyzeProgram('index.ts', program, both), []);
    const oneLacks = { 'Pulumi.dev.yaml': 'config:\n  aws:region: eu-west-1\n', 'Pulumi.prod.yaml': both['Pulumi.dev.yaml'] };
    const [finding] = await analyzeProgram('index.ts', program, oneLacks);
    assert.deepEqual(finding!.missing, ['Owner']);
    assert.match(finding!.message, /missing required tag "Owner" in stack "dev"/);
  });

  it('no project file, an ESC environment or project-level defaultTags make the default provider unknown', async () => {
    const program = `${TS_HEAD}new aws.s3.Bucket("b", {});\n`;
    assert.deepEqual(await analyzeProgram('index.ts', program, { 'Pulumi.dev.yaml': 'environment:\n  - shared\n' }), []);
    assert.deepEqual(
      await analyzeProgram('index.ts', program, { 'Pulumi.yaml': 'name: d\nconfig:\n  aws:defaultTags:\n    value:\n      tags: {}\n' }),
      [],
    );
    assert.deepEqual(await analyzeProgram('index.ts', program, { 'Pulumi.dev.yaml': 'config: [broken' }), []);
    const session = createPulumiAnalyzer().createSession('untitled.ts');
    try {
      assert.deepEqual(await session.analyze(program, { policy: POLICY, logger: silentLogger }), []);
    } finally {
      session.dispose();
    }
  });

  it("an explicit provider may also apply the stack's keys (undocumented): those are not reported", async () => {
    const program = `${TS_HEAD}const p = new aws.Provider("p", {});\nnew aws.s3.Bucket("b", { tags: { Team: "t" } }, { provider: p });\n`;
    assert.deepEqual(
      await analyzeProgram('index.ts', program, { 'Pulumi.dev.yaml': 'config:\n  aws:defaultTags:\n    tags:\n      Owner: ops\n' }),
      [],
    );
  });

  it('disallowed values are reported on the value', async () => {
    const policy = requireKeys({ key: 'Env', allowedValues: ['prod', 'dev'] });
    const [finding] = await analyzeProgram('index.ts', `${TS_HEAD}new aws.s3.Bucket("b", { tags: { Env: "qa" } });\n`, {}, policy);
    assert.equal(finding!.rule, 'tagsight.disallowed-tag-value');
    assert.equal(finding!.range.start.character, 38);
  });
});

const PY_HEAD = 'import pulumi\nimport pulumi_aws as aws\n';

describe('Pulumi analyzer: Python', () => {
  it('reports missing keys and fixes the tags dict', async () => {
    const text = `${PY_HEAD}bucket = aws.s3.Bucket("logs", tags={"Owner": "ops"})\n`;
    const [finding] = await analyzeProgram('__main__.py', text);
    assert.deepEqual(finding!.missing, ['Team']);
    assert.match(finding!.message, /^aws\.s3\.Bucket "logs" is missing required tag "Team"/);
    const after = fixed(text, finding);
    assert.match(after, /tags=\{"Owner": "ops", "Team": ""\}/);
    assert.deepEqual(await analyzeProgram('__main__.py', after), []);
  });

  it('adds a tags keyword when there is none; from-imports are followed', async () => {
    const text = 'from pulumi_aws import s3\nb = s3.BucketV2("b", acl="private")\n';
    const [finding] = await analyzeProgram('__main__.py', text);
    assert.match(fixed(text, finding), /s3\.BucketV2\("b", acl="private", tags=\{"Owner": "", "Team": ""\}\)/);
  });

  it('explicit providers with default_tags, as Args class or dict', async () => {
    const text = `${PY_HEAD}p = aws.Provider("p", default_tags=aws.ProviderDefaultTagsArgs(tags={"Owner": "o", "Team": "t"}))
q = aws.Provider("q", default_tags={"tags": {"Owner": "o"}})
aws.s3.Bucket("a", opts=pulumi.ResourceOptions(provider=p))
aws.s3.Bucket("b", opts=pulumi.ResourceOptions(provider=q))
`;
    const findings = await analyzeProgram('__main__.py', text);
    assert.deepEqual(
      findings.map((f) => [f.resource, f.missing]),
      [['aws.s3.Bucket "b"', ['Team']]],
    );
  });

  it('splats, Args objects, variables and unknown options are unknown', async () => {
    const cases = [
      `${PY_HEAD}aws.s3.Bucket("b", tags={"Owner": "o", **common})\n`,
      `${PY_HEAD}aws.s3.Bucket("b", tags=common_tags)\n`,
      `${PY_HEAD}aws.s3.Bucket("b", **kwargs)\n`,
      `${PY_HEAD}aws.s3.Bucket("b", aws.s3.BucketArgs(tags={}))\n`,
      `${PY_HEAD}aws.s3.Bucket("b", args=aws.s3.BucketArgs())\n`,
      `${PY_HEAD}aws.s3.Bucket("b", opts=opts)\n`,
      `${PY_HEAD}aws.s3.Bucket("b", opts=pulumi.ResourceOptions(parent=self))\n`,
    ];
    for (const text of cases) assert.deepEqual(await analyzeProgram('__main__.py', text), [], text);
  });
});

describe('Pulumi stack configuration', () => {
  it('keys set by every stack, values kept when they agree', () => {
    const tags = defaultProviderTags('name: x\n', [
      { stack: 'a', text: 'config:\n  aws:defaultTags:\n    tags:\n      Owner: o\n      Env: a\n' },
      { stack: 'b', text: 'config:\n  aws:defaultTags:\n    tags:\n      Owner: o\n      Env: b\n      Extra: e\n' },
    ])!;
    assert.deepEqual(
      [...tags.entries],
      [
        ['Owner', { value: 'o' }],
        ['Env', {}],
      ],
    );
    assert.deepEqual([...tags.partial], [['Extra', ['a']]]);
  });

  it('disabled default providers are unknown; no stacks means no default tags', () => {
    assert.equal(
      defaultProviderTags('name: x\n', [{ stack: 'a', text: 'config:\n  pulumi:disable-default-providers: ["aws"]\n' }]),
      undefined,
    );
    assert.equal(defaultProviderTags('name: x\n', [])!.entries.size, 0);
  });

  it('finds the project above the program', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-pulumi-'));
    try {
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'Pulumi.yaml'), 'name: x\n');
      fs.writeFileSync(path.join(dir, 'Pulumi.dev.yaml'), 'config:\n  aws:defaultTags:\n    tags:\n      Owner: o\n');
      assert.deepEqual([...(await readProjectDefaultTags(path.join(dir, 'src', 'index.ts'), diskSourceFiles))!.entries.keys()], ['Owner']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
