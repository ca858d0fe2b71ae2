import * as assert from 'node:assert/strict';
import { analyzeTf, applyEdits, requireKeys } from './analyze';

async function fixed(text: string, keys: Parameters<typeof requireKeys>, fixIndex = 0): Promise<string> {
  const findings = await analyzeTf(text, requireKeys(...keys));
  const finding = findings.find((f) => f.rule === 'tagsight.missing-tags' && !f.resource?.startsWith('provider.'));
  assert.ok(finding?.fixes?.[fixIndex], 'a fix is offered');
  return applyEdits(text, finding.fixes[fixIndex]!.edits);
}

describe('Terraform quick fixes', () => {
  it('adds keys into an existing map, keeping `=` alignment and indentation', async () => {
    const text = 'resource "aws_s3_bucket" "b" {\n  tags = {\n    Name        = "x"\n    Environment = "dev"\n  }\n}\n';
    assert.equal(
      await fixed(text, ['Owner']),
      'resource "aws_s3_bucket" "b" {\n  tags = {\n    Name        = "x"\n    Environment = "dev"\n    Owner       = "value"\n  }\n}\n',
    );
  });

  it('keeps quoted keys and `:` separators; with allowed values the value is left empty and the title names them', async () => {
    const text = 'resource "aws_s3_bucket" "b" {\n  tags = {\n    "Name": "x"\n  }\n}\n';
    assert.equal(
      await fixed(text, [{ key: 'Env', allowedValues: ['dev', 'prod'] }]),
      'resource "aws_s3_bucket" "b" {\n  tags = {\n    "Name": "x"\n    "Env": ""\n  }\n}\n',
    );
    const findings = await analyzeTf(text, requireKeys({ key: 'Env', allowedValues: ['dev', 'prod'] }));
    const fix = findings[0]!.fixes![0]!;
    // A snippet choice would pre-select "dev": one Enter would tag the resource with a value nobody chose.
    assert.match(fix.edits[0]!.newText, /"Env": "\$\{1\}"/);
    assert.equal(fix.title, 'Add missing tag "Env" (one of dev, prod)');
  });

  it('adds to a one-line map and fills an empty one', async () => {
    assert.equal(
      await fixed('resource "aws_s3_bucket" "b" {\n  tags = { Name = "x" }\n}\n', ['Owner']),
      'resource "aws_s3_bucket" "b" {\n  tags = { Name = "x", Owner = "value" }\n}\n',
    );
    assert.equal(
      await fixed('resource "aws_s3_bucket" "b" {\n  tags = {}\n}\n', ['Owner']),
      'resource "aws_s3_bucket" "b" {\n  tags = {\n    Owner = "value"\n  }\n}\n',
    );
  });

  it("creates the tags attribute before the closing brace, in the block's indentation", async () => {
    assert.equal(
      await fixed('resource "aws_s3_bucket" "b" {\n    bucket = "x"\n}\n', ['Owner', 'Team']),
      'resource "aws_s3_bucket" "b" {\n    bucket = "x"\n    tags = {\n        Owner = "value"\n        Team = "value"\n    }\n}\n',
    );
    assert.equal(
      await fixed('resource "aws_s3_bucket" "b" {}\n', ['Owner']),
      'resource "aws_s3_bucket" "b" {\n  tags = {\n    Owner = "value"\n  }\n}\n',
    );
  });

  it('adds to the last object of merge(), or wraps a reference in merge()', async () => {
    assert.equal(
      await fixed('resource "aws_s3_bucket" "b" {\n  tags = merge(local.x, {\n    Name = "n"\n  })\n}\nlocals {\n  x = {}\n}\n', ['Owner']),
      'resource "aws_s3_bucket" "b" {\n  tags = merge(local.x, {\n    Name = "n"\n    Owner = "value"\n  })\n}\nlocals {\n  x = {}\n}\n',
    );
    assert.equal(
      await fixed('locals {\n  x = { Name = "n" }\n}\nresource "aws_s3_bucket" "b" {\n  tags = local.x\n}\n', ['Owner']),
      'locals {\n  x = { Name = "n" }\n}\nresource "aws_s3_bucket" "b" {\n  tags = merge(local.x, { Owner = "value" })\n}\n',
    );
  });

  it('adds tag {} blocks to an autoscaling group', async () => {
    const text = 'resource "aws_autoscaling_group" "g" {\n  max_size = 1\n}\n';
    assert.equal(
      await fixed(text, ['Owner']),
      'resource "aws_autoscaling_group" "g" {\n  max_size = 1\n  tag {\n    key                 = "Owner"\n    value               = "value"\n    propagate_at_launch = true\n  }\n}\n',
    );
  });

  it("offers to add the keys to the provider's default_tags instead", async () => {
    const text = 'provider "aws" {\n  region = "eu-west-1"\n}\n\nresource "aws_s3_bucket" "b" {\n}\n';
    const findings = await analyzeTf(text, requireKeys('Owner'));
    const fix = findings[0]!.fixes!.find((f) => f.title.includes('default_tags'));
    assert.ok(fix);
    assert.equal(
      applyEdits(text, fix.edits),
      'provider "aws" {\n  region = "eu-west-1"\n  default_tags {\n    tags = {\n      Owner = "value"\n    }\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n}\n',
    );
  });

  it('a fixed file has no missing tags left; an allowed-values key stays flagged until a value is filled in', async () => {
    const text = 'resource "aws_s3_bucket" "b" {\n  tags = {\n    Name = "x"\n  }\n}\nresource "aws_sqs_queue" "q" {\n}\n';
    const policy = requireKeys('Owner', { key: 'Env', allowedValues: ['dev'] });
    let current = text;
    for (let i = 0; i < 3; i++) {
      const finding = (await analyzeTf(current, policy)).find((f) => f.fixes?.length);
      if (!finding) break;
      current = applyEdits(current, finding.fixes![0]!.edits);
    }
    const left = await analyzeTf(current, policy);
    assert.deepEqual(
      left.map((finding) => finding.properties),
      [
        { key: 'Env', value: '' },
        { key: 'Env', value: '' },
      ],
    );
    assert.deepEqual(await analyzeTf(current.replace(/(Env\s*=\s*)""/g, '$1"dev"'), policy), []);
  });
});
