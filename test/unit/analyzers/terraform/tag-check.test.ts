import * as assert from 'node:assert/strict';
import { analyzeModule, analyzeTf, requireKeys } from './analyze';
import { explained } from '../../helpers/finding-text';

const missingOf = (findings: Awaited<ReturnType<typeof analyzeTf>>) =>
  findings.filter((f) => f.rule === 'tagsight.missing-tags').map((f) => [f.resource, f.missing]);

describe('Terraform tag checks', () => {
  it('checks a file that starts with comments (they sit beside the body, not in it)', async () => {
    const text = `# Buckets of the data team.\n/* reviewed */\nresource "aws_s3_bucket" "data" {\n  tags = { Owner = "data" }\n}\n# trailing\n`;
    assert.deepEqual(missingOf(await analyzeTf(text, requireKeys('Owner', 'DataClassification'))), [
      ['aws_s3_bucket.data', ['DataClassification']],
    ]);
  });

  it('resolves merge() of locals and literals within the module', async () => {
    const text = `locals {
  common = { Owner = "me" }
  base   = merge(local.common, { Team = "a" })
}
resource "aws_s3_bucket" "ok" {
  tags = merge(local.base, { Env = "dev" })
}
resource "aws_s3_bucket" "missing" {
  tags = merge(local.common, { Env = "dev" })
}`;
    assert.deepEqual(missingOf(await analyzeTf(text, requireKeys('Owner', 'Team', 'Env'))), [['aws_s3_bucket.missing', ['Team']]]);
  });

  it('never reports a key missing when a variable may hold it, but reports a key certainly missing', async () => {
    const text = `resource "aws_s3_bucket" "unknown" {
  tags = var.tags
}
resource "aws_s3_bucket" "partly" {
  tags = merge(var.tags, { Env = "dev" })
}
resource "aws_s3_bucket" "values_unknown" {
  tags = { Owner = var.owner, Env = "\${var.env}-x" }
}
resource "aws_s3_bucket" "key_unknown" {
  tags = { (var.key) = "x" }
}`;
    assert.deepEqual(missingOf(await analyzeTf(text, requireKeys('Owner', 'Env', 'Team'))), [['aws_s3_bucket.values_unknown', ['Team']]]);
  });

  it('treats a key present in only one branch of a conditional as unknown, and in both as present', async () => {
    const text = `resource "aws_s3_bucket" "a" {
  tags = var.prod ? { Owner = "x", Env = "prod" } : { Owner = "y" }
}`;
    assert.deepEqual(missingOf(await analyzeTf(text, requireKeys('Owner', 'Env', 'Team'))), [['aws_s3_bucket.a', ['Team']]]);
  });

  it('reports for_each and count resources once, and skips types that are not taggable', async () => {
    const text = `resource "aws_s3_bucket" "many" {
  for_each = toset(["a", "b"])
  bucket   = each.key
}
resource "aws_s3_bucket_policy" "p" {
  bucket = "x"
}`;
    assert.deepEqual(missingOf(await analyzeTf(text, requireKeys('Owner'))), [['aws_s3_bucket.many', ['Owner']]]);
  });

  it('honours tagsight.terraform.additionalTaggableTypes', async () => {
    const text = 'resource "aws_brand_new_thing" "x" {\n}\n';
    assert.deepEqual(missingOf(await analyzeTf(text, requireKeys('Owner'))), []);
    assert.deepEqual(missingOf(await analyzeTf(text, requireKeys('Owner'), ['aws_brand_new_thing'])), [
      ['aws_brand_new_thing.x', ['Owner']],
    ]);
  });

  it('applies CloudFormation-typed requirements to the matching Terraform types', async () => {
    const text = 'resource "aws_s3_bucket" "b" {\n}\nresource "aws_sqs_queue" "q" {\n}\nresource "aws_instance" "i" {\n}\n';
    const policy = requireKeys({ key: 'Owner', resourceTypes: ['AWS::S3::Bucket', 'AWS::EC2::*'] });
    assert.deepEqual(missingOf(await analyzeTf(text, policy)), [
      ['aws_s3_bucket.b', ['Owner']],
      ['aws_instance.i', ['Owner']],
    ]);
  });

  it('is case-sensitive and hints when a key differs only in case', async () => {
    const findings = await analyzeTf('resource "aws_s3_bucket" "b" {\n  tags = { owner = "me" }\n}\n', requireKeys('Owner'));
    assert.equal(findings.length, 1);
    assert.match(explained(findings[0]!), /"owner" differs from "Owner" only in case/);
  });

  it('checks values against allowed values, on the value', async () => {
    const findings = await analyzeTf(
      'resource "aws_s3_bucket" "b" {\n  tags = { Env = "staging" }\n}\n',
      requireKeys({ key: 'Env', allowedValues: ['dev', 'prod*'] }),
    );
    assert.deepEqual(
      findings.map((f) => [f.rule, f.range.start.line, f.range.start.character]),
      [['tagsight.disallowed-tag-value', 1, 17]],
    );
    assert.match(findings[0]!.message, /"staging".*not allowed.*dev, prod\*/);
    assert.match(explained(findings[0]!), /Required by setting tagsight\.requiredTags\./);
    assert.deepEqual(
      await analyzeTf(
        'resource "aws_s3_bucket" "b" {\n  tags = { Env = "prod-eu" }\n}\n',
        requireKeys({ key: 'Env', allowedValues: ['dev', 'prod*'] }),
      ),
      [],
    );
  });

  it('names the policy source and all missing keys in the message', async () => {
    const [finding] = await analyzeTf('resource "aws_s3_bucket" "b" {\n}\n', requireKeys('Owner', 'CostCenter'));
    assert.equal(finding!.message, 'aws_s3_bucket.b is missing required tags "CostCenter", "Owner"; add them.');
    assert.deepEqual(finding!.details, ['Required by setting tagsight.requiredTags.']);
    assert.deepEqual(finding!.source, { kind: 'setting', name: 'tagsight.requiredTags' });
  });

  it('uses default_tags of a provider declared in another file of the module, per alias', async () => {
    const files = {
      'providers.tf':
        'provider "aws" {\n  default_tags {\n    tags = local.defaults\n  }\n}\nprovider "aws" {\n  alias = "eu"\n}\nlocals {\n  defaults = { Owner = "me" }\n}\n',
      'main.tf': 'resource "aws_s3_bucket" "a" {\n}\nresource "aws_s3_bucket" "b" {\n  provider = aws.eu\n}\n',
    };
    assert.deepEqual(missingOf(await analyzeModule(files, 'main.tf', requireKeys('Owner'))), [['aws_s3_bucket.b', ['Owner']]]);
  });

  it("gives aws_autoscaling_group none of the provider's default_tags, as the AWS provider does, and no fix through them", async () => {
    const text =
      'provider "aws" {\n  default_tags {\n    tags = { Owner = "me" }\n  }\n}\nresource "aws_autoscaling_group" "web" {\n  max_size = 1\n}\nresource "aws_s3_bucket" "b" {\n}\n';
    const findings = await analyzeTf(text, requireKeys('Owner'));
    assert.deepEqual(missingOf(findings), [['aws_autoscaling_group.web', ['Owner']]]);
    const titles = findings[0]!.fixes?.map((fix) => fix.title) ?? [];
    assert.ok(titles.length > 0 && titles.every((title) => !/default_tags/.test(title)), titles.join('; '));
  });

  it('gives diagnostics for whole blocks of a half-typed file', async () => {
    const text = 'resource "aws_s3_bucket" "whole" {\n  bucket = "x"\n}\n\nresource "aws_sqs_queue" "typing" {\n  name = \n';
    const findings = await analyzeTf(text, requireKeys('Owner'));
    assert.ok(
      findings.some((f) => f.resource === 'aws_s3_bucket.whole'),
      JSON.stringify(findings.map((f) => f.resource)),
    );
  });

  it('reports nothing and does not fail without requirements', async () => {
    assert.deepEqual(await analyzeTf('resource "aws_s3_bucket" "b" {\n}\n', { requirements: [] }), []);
  });
});

describe('Terraform dynamic blocks', () => {
  it('counts only dynamic "tag" in an Auto Scaling group as tags; any other dynamic block hides nothing', async () => {
    const text = `resource "aws_apigatewayv2_stage" "stage" {
  dynamic "access_log_settings" {
    for_each = var.logs
    content { destination_arn = access_log_settings.value }
  }
}
resource "aws_autoscaling_group" "tagged" {
  dynamic "tag" {
    for_each = var.tags
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }
}
resource "aws_autoscaling_group" "untagged" {
  dynamic "instance_refresh" {
    for_each = var.refresh
    content { strategy = "Rolling" }
  }
}
`;
    const findings = await analyzeTf(text, requireKeys('Owner'));
    assert.deepEqual(
      findings.map((f) => [f.rule, f.resource, f.missing, f.range.start.line, f.range.start.character]),
      [
        ['tagsight.missing-tags', 'aws_apigatewayv2_stage.stage', ['Owner'], 0, 0],
        ['tagsight.missing-tags', 'aws_autoscaling_group.untagged', ['Owner'], 16, 0],
      ],
    );
  });
});
