import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { CloudFormationAnalyzer } from '../../../../src/analyzers/cloudformation/analyzer';
import { analyzersFor, createAnalyzers } from '../../../../src/analyzers/registry';
import { TerraformPlanAnalyzer } from '../../../../src/analyzers/terraform-plan/analyzer';
import { mayBeTerraformPlan } from '../../../../src/core/terraform-plan';
import { parseTerraformPlan } from '../../../../src/analyzers/terraform-plan/plan-json';
import type { CodeFinding } from '../../../../src/core/code-finding';
import { silentLogger } from '../../../../src/core/logger';
import { analyzeTemplateText } from '../cloudformation/analyze';
import { requireKeys } from '../terraform/analyze';
import { PLAN_FIXTURE, analyzePlanText, planJson } from './analyze';

const summary = (findings: readonly CodeFinding[]) => findings.map((f) => [f.rule, f.resource, f.missing ?? f.properties?.value ?? null]);
const ownerAndEnv = requireKeys('Owner', { key: 'Env', allowedValues: ['dev', 'prod*'] });

/** The 0-based range of the first `needle` at or after `from`. */
function rangeOf(text: string, needle: string, from = 0) {
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `${needle} not in the text`);
  const at = (index: number) => {
    const before = text.slice(0, index).split('\n');
    return { line: before.length - 1, character: before[before.length - 1]!.length };
  };
  return { start: at(offset), end: at(offset + needle.length) };
}

describe('Terraform plan JSON tag checks', () => {
  const fixture = fs.readFileSync(PLAN_FIXTURE, 'utf8');

  it('reports per planned resource of the root and child modules, with count and for_each addresses', async () => {
    assert.deepEqual(summary(await analyzePlanText(fixture, ownerAndEnv)), [
      ['tagsight.disallowed-tag-value', 'aws_instance.web[1]', 'staging'],
      ['tagsight.missing-tags', 'aws_s3_bucket.logs', ['Env']],
      ['tagsight.missing-tags', 'module.web.aws_s3_bucket.assets["b"]', ['Env']],
      ['tagsight.missing-tags', 'module.web.module.queue.aws_sqs_queue.dlq', ['Env', 'Owner']],
    ]);
  });

  it('points at the resource in planned_values: its "address" member, the tag value for a disallowed value', async () => {
    const findings = await analyzePlanText(fixture, ownerAndEnv);
    // The first occurrence of each address is in planned_values; resource_changes comes after it.
    assert.deepEqual(findings.find((f) => f.resource === 'aws_s3_bucket.logs')!.range, rangeOf(fixture, '"address": "aws_s3_bucket.logs"'));
    const tagsAll = fixture.indexOf('"tags_all"', fixture.indexOf('"address": "aws_instance.web[1]"'));
    assert.deepEqual(findings.find((f) => f.resource === 'aws_instance.web[1]')!.range, rangeOf(fixture, '"staging"', tagsAll));
  });

  it('gives columns on a one-line plan (as Terraform writes it)', async () => {
    const text = planJson([
      { address: 'aws_s3_bucket.a', type: 'aws_s3_bucket', values: { tags: null, tags_all: { Owner: 'x' } } },
      { address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', values: { tags: null, tags_all: {} } },
    ]);
    assert.equal(text.includes('\n'), false);
    const [finding] = await analyzePlanText(text, requireKeys('Owner'));
    const start = text.indexOf('"address":"aws_s3_bucket.b"');
    assert.deepEqual(finding!.range, {
      start: { line: 0, character: start },
      end: { line: 0, character: start + '"address":"aws_s3_bucket.b"'.length },
    });
  });

  it('falls back to the opening brace when a resource has no address', async () => {
    const text =
      '{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"mode":"managed","type":"aws_s3_bucket","name":"x","values":{"tags":null}}]}}}';
    const [finding] = await analyzePlanText(text, requireKeys('Owner'));
    assert.equal(finding!.resource, 'aws_s3_bucket.x');
    const brace = text.indexOf('{"mode"');
    assert.deepEqual(finding!.range, { start: { line: 0, character: brace }, end: { line: 0, character: brace + 1 } });
  });

  it('reads tags_all (default_tags included) over tags, and tags for types without tags_all', async () => {
    const text = planJson([
      { address: 'aws_s3_bucket.defaults', type: 'aws_s3_bucket', values: { tags: {}, tags_all: { Owner: 'platform' } } },
      { address: 'aws_s3_bucket.own_only', type: 'aws_s3_bucket', values: { tags: { Owner: 'me' }, tags_all: {} } },
      { address: 'aws_s3_bucket.no_tags_all', type: 'aws_s3_bucket', values: { tags: { Owner: 'me' } } },
      { address: 'aws_s3_bucket.neither', type: 'aws_s3_bucket', values: { bucket: 'x' } },
    ]);
    assert.deepEqual(summary(await analyzePlanText(text, requireKeys('Owner'))), [
      ['tagsight.missing-tags', 'aws_s3_bucket.own_only', ['Owner']],
      ['tagsight.missing-tags', 'aws_s3_bucket.neither', ['Owner']],
    ]);
  });

  it('counts null tags as no tags', async () => {
    const text = planJson([
      { address: 'aws_s3_bucket.a', type: 'aws_s3_bucket', values: { tags: null, tags_all: null } },
      { address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', values: { tags: null } },
      { address: 'aws_s3_bucket.c', type: 'aws_s3_bucket', values: { tags: null, tags_all: { Owner: 'x' } } },
    ]);
    assert.deepEqual(summary(await analyzePlanText(text, requireKeys('Owner'))), [
      ['tagsight.missing-tags', 'aws_s3_bucket.a', ['Owner']],
      ['tagsight.missing-tags', 'aws_s3_bucket.b', ['Owner']],
    ]);
  });

  it('never reports a key missing when the tags are unknown until apply; known values are still judged', async () => {
    const text = planJson([
      // tags = { Owner = random_pet.x.id, Env = "qa" }: the provider makes tags_all unknown, Terraform leaves it out.
      {
        address: 'aws_s3_bucket.all_unknown',
        type: 'aws_s3_bucket',
        values: { tags: { Env: 'qa' } },
        afterUnknown: { id: true, tags: { Owner: true }, tags_all: true },
      },
      // One value unknown in a known map: the key is there.
      {
        address: 'aws_s3_bucket.value_unknown',
        type: 'aws_s3_bucket',
        values: { tags: {}, tags_all: { Env: 'dev' } },
        afterUnknown: { tags: {}, tags_all: { Owner: true } },
      },
      // A whole tags map unknown, on a type without tags_all.
      { address: 'aws_s3_bucket.tags_unknown', type: 'aws_s3_bucket', values: {}, afterUnknown: { tags: true } },
      // Known to be empty: reported.
      {
        address: 'aws_s3_bucket.known',
        type: 'aws_s3_bucket',
        values: { tags: {}, tags_all: { Env: 'dev' } },
        afterUnknown: { id: true, tags: {}, tags_all: {} },
      },
    ]);
    assert.deepEqual(summary(await analyzePlanText(text, ownerAndEnv)), [
      ['tagsight.disallowed-tag-value', 'aws_s3_bucket.all_unknown', 'qa'],
      ['tagsight.missing-tags', 'aws_s3_bucket.known', ['Owner']],
    ]);
  });

  it('matches after_unknown by address, ignoring deposed objects', async () => {
    const text = planJson([{ address: 'aws_s3_bucket.a', type: 'aws_s3_bucket', values: { tags: {} } }]);
    const plan = JSON.parse(text);
    plan.resource_changes = [
      {
        address: 'aws_s3_bucket.a',
        mode: 'managed',
        type: 'aws_s3_bucket',
        name: 'a',
        deposed: '00000001',
        change: { actions: ['delete'], before: {}, after: null, after_unknown: { tags: true, tags_all: true } },
      },
      {
        address: 'aws_s3_bucket.b',
        mode: 'managed',
        type: 'aws_s3_bucket',
        name: 'b',
        change: { actions: ['create'], before: null, after: {}, after_unknown: { tags_all: true } },
      },
    ];
    assert.deepEqual(summary(await analyzePlanText(JSON.stringify(plan), requireKeys('Owner'))), [
      ['tagsight.missing-tags', 'aws_s3_bucket.a', ['Owner']],
    ]);
  });

  it('reads aws_autoscaling_group tag blocks (and the list-shaped tags of provider versions before 5)', async () => {
    const text = planJson([
      {
        address: 'aws_autoscaling_group.blocks',
        type: 'aws_autoscaling_group',
        values: { tag: [{ key: 'Owner', value: 'me', propagate_at_launch: true }] },
      },
      {
        address: 'aws_autoscaling_group.legacy',
        type: 'aws_autoscaling_group',
        values: { tags: [{ key: 'Owner', value: 'me', propagate_at_launch: 'true' }] },
      },
      { address: 'aws_autoscaling_group.none', type: 'aws_autoscaling_group', values: { tag: [] } },
      {
        address: 'aws_autoscaling_group.unknown',
        type: 'aws_autoscaling_group',
        values: { tag: [] },
        afterUnknown: { tag: [{ value: true }] },
      },
    ]);
    assert.deepEqual(summary(await analyzePlanText(text, requireKeys('Owner'))), [
      ['tagsight.missing-tags', 'aws_autoscaling_group.none', ['Owner']],
    ]);
  });

  it('skips data sources and types that carry no tags; honours additional taggable types', async () => {
    const text = planJson([
      { address: 'data.aws_s3_bucket.shared', type: 'aws_s3_bucket', mode: 'data', values: { bucket: 'shared' } },
      { address: 'aws_s3_bucket_policy.p', type: 'aws_s3_bucket_policy', values: { bucket: 'x' } },
      { address: 'aws_example_thing.t', type: 'aws_example_thing', values: { tags: {} } },
    ]);
    assert.deepEqual(await analyzePlanText(text, requireKeys('Owner')), []);
    assert.deepEqual(summary(await analyzePlanText(text, requireKeys('Owner'), 'plan.json', ['aws_example_thing'])), [
      ['tagsight.missing-tags', 'aws_example_thing.t', ['Owner']],
    ]);
  });

  it('walks nested child modules', async () => {
    const text = planJson(
      [],
      [
        {
          address: 'module.a',
          resources: [{ address: 'module.a.aws_sqs_queue.q[0]', type: 'aws_sqs_queue', values: { tags_all: {} } }],
          childModules: [
            {
              address: 'module.a.module.b["x"]',
              resources: [{ address: 'module.a.module.b["x"].aws_sqs_queue.q', type: 'aws_sqs_queue', values: { tags_all: {} } }],
            },
          ],
        },
        {
          address: 'module.c',
          resources: [{ address: 'module.c.aws_sqs_queue.q', type: 'aws_sqs_queue', values: { tags_all: { Owner: 'x' } } }],
        },
      ],
    );
    assert.deepEqual(
      summary(await analyzePlanText(text, requireKeys('Owner'))).map(([, resource]) => resource),
      ['module.a.aws_sqs_queue.q[0]', 'module.a.module.b["x"].aws_sqs_queue.q'],
    );
  });

  it('reports nothing for JSON that is not a plan; a cheap look at the text turns most away unparsed', async () => {
    const notPlans = [
      '{"name":"x","version":"1.0.0"}',
      '{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"B":{"Type":"AWS::S3::Bucket"}}}',
      // A state file (`terraform show -json` without a plan) and a plan-shaped value inside another document.
      '{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{"resources":[{"address":"aws_s3_bucket.a","mode":"managed","type":"aws_s3_bucket","values":{"tags":null}}]}}}',
      '{"wrapped":{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket.a","mode":"managed","type":"aws_s3_bucket","values":{"tags":null}}]}}}}',
      '[{"format_version":"1.2","planned_values":{}}]',
    ];
    for (const text of notPlans) assert.deepEqual(await analyzePlanText(text, requireKeys('Owner')), [], text);
    assert.equal(mayBeTerraformPlan(notPlans[0]!), false);
    assert.equal(mayBeTerraformPlan(notPlans[1]!), false);
    assert.equal(parseTerraformPlan(notPlans[2]!), undefined);
    // A plan with resource_changes only is still a plan (and has nothing planned to check).
    assert.ok(parseTerraformPlan('{"format_version":"1.2","resource_changes":[]}'));
  });

  it('reports a malformed plan once, at the error, and no resource of it; malformed non-plans are skipped', async () => {
    const truncated = fixture.slice(0, fixture.indexOf('"resource_changes"') + 40);
    const findings = await analyzePlanText(truncated, ownerAndEnv);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [['tagsight.parse-error', 'error']],
    );
    assert.match(findings[0]!.message, /not valid JSON \(\w+\), so nothing was checked/);
    const lines = truncated.split('\n');
    assert.ok(
      findings[0]!.range.start.line < lines.length && findings[0]!.range.end.character <= lines[findings[0]!.range.end.line]!.length,
    );
    const trailingComma = planJson([{ address: 'aws_s3_bucket.a', type: 'aws_s3_bucket', values: { tags: null } }]).replace(/}$/, ',}');
    const [comma] = await analyzePlanText(trailingComma, requireKeys('Owner'));
    assert.equal(comma?.rule, 'tagsight.parse-error');
    assert.equal(comma?.range.start.character, trailingComma.length - 1);
    assert.deepEqual(await analyzePlanText('{"format_version": "1.2", "name": ', requireKeys('Owner')), []);
    assert.deepEqual(await analyzePlanText('{"format_version" "planned_values": [[[', requireKeys('Owner')), []);
    assert.deepEqual(await analyzePlanText('{"x": {"format_version": "1.2", "planned_values": {', requireKeys('Owner')), []);
  });

  it('reports nothing without a policy', async () => {
    assert.deepEqual(await analyzePlanText(fixture, { requirements: [] }), []);
    const session = new TerraformPlanAnalyzer().createSession('/tmp/plan.json');
    assert.deepEqual(await session.analyze(fixture, { policy: requireKeys('Owner'), policyMissing: true, logger: silentLogger }), []);
  });

  it('offers no quick fix: a plan is generated', async () => {
    for (const finding of await analyzePlanText(fixture, ownerAndEnv)) assert.equal(finding.fixes, undefined);
  });

  it('handles any .json (and JSON documents without a name); the CloudFormation analyzer leaves plans alone', async () => {
    const analyzer = new TerraformPlanAnalyzer();
    assert.equal(analyzer.handles('/w/plan.json'), true);
    assert.equal(analyzer.handles('/w/tfplan.JSON'), true);
    assert.equal(analyzer.handles('Untitled-1', 'json'), true);
    assert.equal(analyzer.handles('/w/main.tf'), false);
    assert.equal(analyzer.handles('/w/template.yaml'), false);
    assert.deepEqual(
      analyzersFor(createAnalyzers(), '/w/plan.json').map((a) => a.id),
      ['terraform-plan', 'cloudformation'],
    );
    // A plan that mentions AWS:: and quotes a stack's template is still not a template.
    const stack = planJson([
      {
        address: 'aws_cloudformation_stack.s',
        type: 'aws_cloudformation_stack',
        values: {
          template_body: JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { B: { Type: 'AWS::S3::Bucket' } } }),
          tags: null,
          tags_all: {},
        },
      },
    ]);
    assert.deepEqual(await analyzeTemplateText(stack, requireKeys('Owner'), 'plan.json'), []);
    assert.deepEqual(summary(await analyzePlanText(stack, requireKeys('Owner'))), [
      ['tagsight.missing-tags', 'aws_cloudformation_stack.s', ['Owner']],
    ]);
    assert.ok(new CloudFormationAnalyzer().handles('/w/plan.json'));
  });
});
