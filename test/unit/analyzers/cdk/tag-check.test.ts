import * as assert from 'node:assert/strict';
import { CdkAnalyzer } from '../../../../src/analyzers/cdk/analyzer';
import type { CodeFinding } from '../../../../src/core/code-finding';
import { silentLogger } from '../../../../src/core/logger';
import { applyEdits } from '../terraform/analyze';
import { analyzeCdk, policyOf } from './analyze';

const TS_HEADER =
  "import * as cdk from 'aws-cdk-lib';\nimport { aws_s3 as s3, Tags } from 'aws-cdk-lib';\nimport * as sqs from 'aws-cdk-lib/aws-sqs';\nimport { Construct } from 'constructs';\n";

function tsApp(body: string, after = ''): string {
  return `${TS_HEADER}
class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
${body
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
  }
}

const app = new cdk.App();
const stack = new AppStack(app, 'Prod');
${after}
app.synth();
`;
}

function missing(findings: readonly CodeFinding[]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const finding of findings)
    if (finding.rule === 'tagsight.missing-tags') result[String(finding.properties?.constructPath)] = [...finding.missing!];
  return result;
}

describe('CDK required tags (TypeScript)', () => {
  it('reports an L2 and an L1 construct missing required tags, at the construct, naming the construct path', async () => {
    const text = tsApp(
      "const logs = new s3.Bucket(this, 'Logs', {\n  versioned: true,\n});\nnew s3.CfnBucket(this, 'Raw', { tags: [{ key: 'Owner', value: 'data' }] });",
    );
    const findings = await analyzeCdk(text, policyOf('Owner'));
    assert.deepEqual(missing(findings), { 'Prod/Logs': ['Owner'] });
    const finding = findings[0]!;
    assert.equal(finding.message, 'Prod/Logs is missing required tag "Owner"; add it.');
    assert.deepEqual(finding.details, ['Required by policy file tag-policy.json.']);
    assert.equal(finding.properties?.resourceType, 'AWS::S3::Bucket');
    const line = text.split('\n')[finding.range.start.line]!;
    assert.equal(
      line.slice(finding.range.start.character, finding.range.end.character),
      "new s3.Bucket(this, 'Logs'",
      'points at the construct up to its id',
    );
  });

  it('follows Tags.of on the app, the stack and the construct, and the stack tags prop', async () => {
    const text = tsApp(
      "const logs = new s3.Bucket(this, 'Logs');\nTags.of(logs).add('CostCenter', '1234');\nnew sqs.Queue(this, 'Jobs');",
      "Tags.of(app).add('Owner', 'platform');\nnew AppStack(app, 'Staging', { tags: { Env: 'staging', CostCenter: '9' } });",
    );
    const findings = await analyzeCdk(text, policyOf('Owner', 'CostCenter', 'Env'));
    assert.deepEqual(missing(findings), {
      'Prod/Logs': ['Env'],
      'Prod/Jobs': ['CostCenter', 'Env'],
    });
  });

  it('applies includeResourceTypes and excludeResourceTypes by the CloudFormation type', async () => {
    const text = tsApp(
      "new s3.Bucket(this, 'Logs');\nnew sqs.Queue(this, 'Jobs');\nTags.of(this).add('Owner', 'a', { includeResourceTypes: ['AWS::S3::Bucket'] });\nTags.of(this).add('Team', 'b', { excludeResourceTypes: ['AWS::S3::Bucket', 'aws:cdk:stack'] });",
    );
    assert.deepEqual(missing(await analyzeCdk(text, policyOf('Owner', 'Team'))), { 'Prod/Logs': ['Team'], 'Prod/Jobs': ['Owner'] });
  });

  it('leaves a key excluded on a stack unknown: without @aws-cdk/core:explicitStackTags the stack gets it, and CloudFormation passes it on', async () => {
    const text = tsApp("new s3.Bucket(this, 'Logs');\nTags.of(this).add('Team', 'b', { excludeResourceTypes: ['AWS::S3::Bucket'] });");
    assert.deepEqual(missing(await analyzeCdk(text, policyOf('Team'))), {});
  });

  it('follows priorities: a removal (200) beats an add (100) below it unless the add has a higher priority', async () => {
    const text = tsApp(
      "const a = new s3.Bucket(this, 'A');\nconst b = new s3.Bucket(this, 'B');\nTags.of(a).add('Owner', 'x');\nTags.of(b).add('Owner', 'y', { priority: 300 });",
      "Tags.of(stack).remove('Owner');",
    );
    assert.deepEqual(missing(await analyzeCdk(text, policyOf('Owner'))), { 'Prod/A': ['Owner'] });
  });

  it("counts an L1 construct's own tags at priority 50, which any Tags.of removal overrides", async () => {
    const text = tsApp(
      "new s3.CfnBucket(this, 'Raw', { tags: [{ key: 'Owner', value: 'data' }] });\nconst kept = new s3.CfnBucket(this, 'Kept', { tags: [{ key: 'Owner', value: 'data' }] });\nTags.of(this).remove('Owner', { priority: 10 });\nTags.of(this).remove('Owner', { includeResourceTypes: ['AWS::SQS::Queue'] });",
    );
    assert.deepEqual(missing(await analyzeCdk(text, policyOf('Owner'))), {});
    const removed = tsApp("new s3.CfnBucket(this, 'Raw', { tags: [{ key: 'Owner', value: 'data' }] });\nTags.of(this).remove('Owner');");
    assert.deepEqual(missing(await analyzeCdk(removed, policyOf('Owner'))), { 'Prod/Raw': ['Owner'] });
  });

  it('reports a value the policy does not allow, from the winning operation', async () => {
    const text = tsApp("const logs = new s3.Bucket(this, 'Logs');\nTags.of(logs).add('Env', 'qa');", "Tags.of(app).add('Env', 'prod');");
    const findings = await analyzeCdk(text, {
      requirements: [{ key: 'Env', allowedValues: ['prod', 'dev'], source: { kind: 'setting', name: 'tagsight.requiredTags' } }],
    });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.rule, 'tagsight.disallowed-tag-value');
    assert.match(findings[0]!.message, /"Env" value "qa" is not allowed/);
  });

  describe('says nothing where the tree or the tags are not known', () => {
    const cases: Record<string, string> = {
      'a stack class not instantiated in this file': `${TS_HEADER}\nexport class AppStack extends cdk.Stack {\n  constructor(scope: Construct, id: string, props?: cdk.StackProps) {\n    super(scope, id, props);\n    new s3.Bucket(this, 'Logs');\n  }\n}\n`,
      'a construct passed to a function': tsApp("const logs = new s3.Bucket(this, 'Logs');\napplyStandardTags(logs);"),
      'the stack passed to a function': tsApp("new s3.Bucket(this, 'Logs');\napplyStandardTags(this);"),
      'a key that is not a literal': tsApp("new s3.Bucket(this, 'Logs');\nTags.of(this).add(ownerKey, 'x');"),
      'Tags.of in a loop': tsApp(
        "new s3.Bucket(this, 'Logs');\nfor (const [key, value] of Object.entries(props?.tags ?? {})) Tags.of(this).add(key, value);",
      ),
      'Tags.of on a target not known': tsApp("new s3.Bucket(this, 'Logs');", "Tags.of(someScope).add('Owner', 'x');"),
      'a construct of another file given the stack as scope': tsApp("new s3.Bucket(this, 'Logs');\nnew StandardTags(this, 'Tags');"),
      'an aspect': tsApp("new s3.Bucket(this, 'Logs');\ncdk.Aspects.of(this).add(new TagChecker());"),
      'stack props spread from elsewhere': tsApp("new s3.Bucket(this, 'Logs');", "new AppStack(app, 'Other', { ...shared });"),
      'a priority that is not a literal': tsApp("new s3.Bucket(this, 'Logs');\nTags.of(this).add('Owner', 'x', { priority: level });"),
      'an L1 whose tags are an expression': tsApp("new s3.CfnBucket(this, 'Raw', { tags: standardTags });"),
    };
    for (const [name, text] of Object.entries(cases)) {
      it(name, async () => {
        const findings = await analyzeCdk(text, policyOf('Owner'));
        // The stack instance in tsApp has other resources only where the case adds them.
        assert.deepEqual(
          findings.filter((f) => f.properties?.constructPath !== 'Other/Logs').map((f) => f.message),
          name === 'stack props spread from elsewhere' ? ['Prod/Logs is missing required tag "Owner"; add it.'] : [],
        );
      });
    }

    it('a Tags.of in a loop makes only its target unknown, never another construct', async () => {
      const text = tsApp(
        "const logs = new s3.Bucket(this, 'Logs');\nconst jobs = new sqs.Queue(this, 'Jobs');\nfor (const key of keys) Tags.of(jobs).add('Owner', key);",
      );
      assert.deepEqual(missing(await analyzeCdk(text, policyOf('Owner'))), { 'Prod/Logs': ['Owner'] });
    });

    it('an L2 class not in the table, a construct made in a branch', async () => {
      const text = tsApp("new sqs.DeadLetterQueueish(this, 'X');\nif (props) { new s3.Bucket(this, 'Maybe'); }");
      assert.deepEqual(await analyzeCdk(text, policyOf('Owner')), []);
    });
  });

  it("quick fix: Tags.of(construct).add(key, '') after the statement, with an empty placeholder", async () => {
    const text = tsApp("const logs = new s3.Bucket(this, 'Logs', {\n  versioned: true,\n});");
    const [finding] = await analyzeCdk(text, policyOf('Owner', 'Team'));
    const fix = finding!.fixes![0]!;
    assert.equal(fix.isSnippet, true);
    assert.equal(fix.title, 'Add missing tags "Owner", "Team" with Tags.of(logs)');
    assert.match(
      fix.edits[fix.edits.length - 1]!.newText,
      /Tags\.of\(logs\)\.add\('Owner', '\$\{1\}'\);\n {4}Tags\.of\(logs\)\.add\('Team', '\$\{2\}'\);$/,
    );
    const fixed = applyEdits(text, fix.edits);
    assert.ok(
      fixed.includes("  versioned: true,\n    });\n    Tags.of(logs).add('Owner', '');\n    Tags.of(logs).add('Team', '');\n"),
      fixed,
    );
    assert.deepEqual(await analyzeCdk(fixed, policyOf('Owner', 'Team')), [], 'the fixed program has the keys');
  });

  it('quick fix: names an unnamed construct, and imports Tags when the file has no name for it', async () => {
    const text =
      "import { App, Stack } from 'aws-cdk-lib';\nimport { CfnQueue } from 'aws-cdk-lib/aws-sqs';\n\nconst app = new App();\nconst stack = new Stack(app, 'S');\nnew CfnQueue(stack, 'Jobs');\n";
    const [finding] = await analyzeCdk(text, policyOf('Owner'));
    const fixed = applyEdits(text, finding!.fixes![0]!.edits);
    assert.equal(
      fixed,
      "import { Tags } from 'aws-cdk-lib';\nimport { App, Stack } from 'aws-cdk-lib';\nimport { CfnQueue } from 'aws-cdk-lib/aws-sqs';\n\nconst app = new App();\nconst stack = new Stack(app, 'S');\nconst jobs = new CfnQueue(stack, 'Jobs');\nTags.of(jobs).add('Owner', '');\n",
    );
    assert.deepEqual(await analyzeCdk(fixed, policyOf('Owner')), []);
  });

  it('judges every instance of a stack class on its own', async () => {
    const text = tsApp("new s3.Bucket(this, 'Logs');", "new AppStack(app, 'Dev', { tags: { Owner: 'dev-team' } });");
    const findings = await analyzeCdk(text, policyOf('Owner'));
    assert.deepEqual(
      findings.map((f) => f.properties?.constructPath),
      ['Prod/Logs'],
    );
  });

  it('reads nothing without a policy, and nothing in files that do not import the CDK', async () => {
    assert.deepEqual(await analyzeCdk(tsApp("new s3.Bucket(this, 'Logs');"), { requirements: [] }), []);
    assert.deepEqual(await analyzeCdk("class Bucket {}\nnew Bucket(this, 'Logs');\n", policyOf('Owner')), []);
    assert.equal(new CdkAnalyzer().mayFindIn("import * as cdk from 'aws-cdk-lib';"), true);
    assert.equal(new CdkAnalyzer().mayFindIn("import { S3Client } from '@aws-sdk/client-s3';"), false);
    assert.equal(new CdkAnalyzer().handles('lib/stack.d.ts'), false);
  });

  it('survives malformed code without throwing', async () => {
    const text = tsApp("new s3.Bucket(this, 'Logs'\nTags.of(this).add(");
    const findings = await analyzeCdk(text, policyOf('Owner'));
    assert.ok(Array.isArray(findings));
  });
});

describe('CDK required tags (Python)', () => {
  const PY = `import aws_cdk as cdk
from aws_cdk import aws_s3 as s3, Stack, Tags
from constructs import Construct


class AppStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.logs = s3.Bucket(self, "Logs", versioned=True)
        s3.CfnBucket(self, "Raw", tags=[cdk.CfnTag(key="Owner", value="data")])
        Tags.of(self.logs).add("CostCenter", "1234", priority=300)


app = cdk.App()
AppStack(app, "Prod", tags={"Env": "prod"})
Tags.of(app).remove("Owner", include_resource_types=["AWS::S3::Bucket"])
app.synth()
`;

  it('follows stack tags through **kwargs, CfnTag, keyword props and removal by type', async () => {
    const findings = await analyzeCdk(PY, policyOf('Owner', 'CostCenter', 'Env'), 'app.py');
    assert.deepEqual(missing(findings), { 'Prod/Logs': ['Owner'], 'Prod/Raw': ['CostCenter', 'Owner'] });
  });

  it('quick fix in Python syntax, on self.attribute', async () => {
    const findings = await analyzeCdk(PY, policyOf('Owner', 'CostCenter', 'Env'), 'app.py');
    const fixed = applyEdits(PY, findings.find((f) => f.properties?.constructPath === 'Prod/Logs')!.fixes![0]!.edits);
    assert.ok(
      fixed.includes('        self.logs = s3.Bucket(self, "Logs", versioned=True)\n        Tags.of(self.logs).add("Owner", "")\n'),
      fixed,
    );
  });

  it('says nothing for a stack class instantiated elsewhere', async () => {
    const text = PY.slice(0, PY.indexOf('\napp = '));
    assert.deepEqual(await analyzeCdk(text, policyOf('Owner'), 'app_stack.py'), []);
  });
});

describe('CDK analysis of edits', () => {
  const policy = policyOf('Owner');
  const text = tsApp(
    "const logs = new s3.Bucket(this, 'Logs', { bucketName: 'logs-1' });\nnew sqs.Queue(this, 'Jobs');\nTags.of(logs).add('Team', 'a');",
  );

  function edit(before: string, search: string, replacement: string) {
    const at = before.indexOf(search);
    const lines = before.slice(0, at).split('\n');
    const start = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
    const end = { line: start.line, character: start.character + search.length };
    return {
      text: before.slice(0, at) + replacement + before.slice(at + search.length),
      change: { range: { start, end }, rangeOffset: at, rangeLength: search.length, text: replacement },
    };
  }

  it('moves the findings when typing changes nothing the analysis reads, and matches a fresh analysis', async () => {
    const session = new CdkAnalyzer().createSession('/tmp/app.ts');
    try {
      await session.analyze(text, { policy, logger: silentLogger });
      const typed = edit(text, "'logs-1'", "'logs-1',\n      versioned: true");
      const moved = await session.analyze(typed.text, { policy, logger: silentLogger }, [typed.change]);
      assert.deepEqual(moved, await analyzeCdk(typed.text, policy));
      assert.equal(moved.find((f) => f.resource === 'Prod/Jobs')!.range.start.line, 10, 'the Jobs finding moved down a line');
    } finally {
      session.dispose();
    }
  });

  it('analyses afresh when an edit changes a tag', async () => {
    const session = new CdkAnalyzer().createSession('/tmp/app.ts');
    try {
      assert.deepEqual(
        (await session.analyze(text, { policy, logger: silentLogger })).map((f) => f.resource),
        ['Prod/Logs', 'Prod/Jobs'],
      );
      const typed = edit(text, "add('Team'", "add('Owner'");
      assert.deepEqual(
        (await session.analyze(typed.text, { policy, logger: silentLogger }, [typed.change])).map((f) => f.resource),
        ['Prod/Jobs'],
      );
    } finally {
      session.dispose();
    }
  });
});
