import * as assert from 'node:assert/strict';
import { TerraformAnalyzer } from '../../../../src/analyzers/terraform/analyzer';
import type { CodeFinding } from '../../../../src/core/code-finding';
import { silentLogger } from '../../../../src/core/logger';
import { analyzeTf, requireKeys } from './analyze';

/**
 * A .tf file with syntax errors: one parse-error finding at the first error, and findings for every block that is
 * whole, also those tree-sitter's error recovery swallowed (read again with the broken block blanked out).
 */
const summary = (findings: readonly CodeFinding[]) => findings.map((f) => [f.rule, f.resource ?? null, f.range.start.line]);
const owner = requireKeys({ key: 'Owner', allowedValues: ['ok'] });

describe('Terraform files with syntax errors', () => {
  it("reports the unclosed string of a locals block and every whole block after it (the reviewer's broken.tf)", async () => {
    const text = 'locals {\n  name = "oops\n}\nresource "aws_s3_bucket" "a" {}\nresource "aws_instance" "b" {}\n';
    const findings = await analyzeTf(text, requireKeys('Owner'));
    assert.deepEqual(summary(findings), [
      ['tagsight.parse-error', null, 1],
      ['tagsight.missing-tags', 'aws_s3_bucket.a', 3],
      ['tagsight.missing-tags', 'aws_instance.b', 4],
    ]);
    const [parseError] = findings;
    assert.equal(parseError!.severity, 'error');
    assert.equal(
      parseError!.message,
      'Tagsight could not read this file past line 2: a string is not closed; fix it to have the rest checked.',
    );
    assert.deepEqual(parseError!.range, { start: { line: 1, character: 9 }, end: { line: 1, character: 14 } });
  });

  it("keeps a later block's disallowed value when a string in an earlier resource is unclosed, and skips the broken one", async () => {
    const text = 'resource "aws_s3_bucket" "a" {\n  bucket = "x\n}\nresource "aws_s3_bucket" "b" {\n  tags = { Owner = "bad" }\n}\n';
    assert.deepEqual(summary(await analyzeTf(text, owner)), [
      ['tagsight.parse-error', null, 1],
      ['tagsight.disallowed-tag-value', 'aws_s3_bucket.b', 4],
    ]);
  });

  it('reads past several broken blocks, and never judges a block after an unclosed string it could not skip', async () => {
    const text =
      'resource "aws_s3_bucket" "a" {\n  bucket = "x\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "y\n}\nresource "aws_s3_bucket" "c" {\n  tags = { Owner = "bad" }\n}\n';
    assert.deepEqual(summary(await analyzeTf(text, owner)), [
      ['tagsight.parse-error', null, 1],
      ['tagsight.disallowed-tag-value', 'aws_s3_bucket.c', 7],
    ]);
    const lastBroken = 'resource "aws_s3_bucket" "a" {\n  tags = { Owner = "bad" }\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "y\n}\n';
    assert.deepEqual(summary(await analyzeTf(lastBroken, owner)), [
      ['tagsight.parse-error', null, 4],
      ['tagsight.disallowed-tag-value', 'aws_s3_bucket.a', 1],
    ]);
  });

  it('reports the first error in the file, even when an unclosed string follows it', async () => {
    const text =
      'resource "aws_s3_bucket" "a" {\n  bucket = \n}\nresource "aws_s3_bucket" "b" {\n  bucket = "x\n}\nresource "aws_s3_bucket" "c" {\n  tags = { Owner = "bad" }\n}\n';
    const findings = await analyzeTf(text, owner);
    // tree-sitter reads `bucket = }` as an object missing its "{".
    assert.deepEqual(summary(findings), [
      ['tagsight.parse-error', null, 2],
      ['tagsight.disallowed-tag-value', 'aws_s3_bucket.c', 7],
    ]);
    assert.match(findings[0]!.message, /past line 3: a "\{" is expected here/);
  });

  it('says what is wrong in plain words: a block left open, stray text, a block not finished', async () => {
    const message = async (text: string) =>
      (await analyzeTf(text, requireKeys('Owner'))).find((f) => f.rule === 'tagsight.parse-error')?.message;
    assert.match(
      (await message('resource "aws_s3_bucket" "a" {\n  bucket = "x"\n\nresource "aws_s3_bucket" "b" {\n}\n'))!,
      /past line 1: this block has no closing "\}"/,
    );
    assert.match(
      (await message('resource "aws_s3_bucket" "a" {\n}}\nresource "aws_s3_bucket" "b" {\n}\n'))!,
      /past line 2: unexpected "\}"/,
    );
    assert.match(
      (await message('resource "aws_s3_bucket" "a" {\n}\nresource "aws_s3_bucket" "b" {\n  tags = {\n    Owner = \n'))!,
      /past line 3: this block is not closed/,
    );
  });

  it('judges only whole blocks: not the one being typed, not one whose closing brace is missing', async () => {
    const typing =
      'resource "aws_s3_bucket" "a" {\n  bucket = \n  tags = { Owner = "bad" }\n}\nresource "aws_s3_bucket" "b" {\n  tags = { Owner = "bad" }\n}\n';
    assert.deepEqual(summary(await analyzeTf(typing, owner)), [
      ['tagsight.parse-error', null, 1],
      ['tagsight.disallowed-tag-value', 'aws_s3_bucket.b', 5],
    ]);
    const unclosed =
      'resource "aws_s3_bucket" "a" {\n  tags = { Owner = "bad"\n}\nresource "aws_s3_bucket" "b" {\n  tags = { Owner = "bad" }\n}\n';
    assert.deepEqual(summary(await analyzeTf(unclosed, owner)), [
      ['tagsight.parse-error', null, 0],
      ['tagsight.disallowed-tag-value', 'aws_s3_bucket.b', 4],
    ]);
  });

  it('reads default_tags and locals from blocks after the broken one', async () => {
    const text =
      'locals {\n  x = "oops\n}\nprovider "aws" {\n  default_tags {\n    tags = local.common\n  }\n}\nlocals {\n  common = { Owner = "ok" }\n}\nresource "aws_s3_bucket" "a" {}\n';
    assert.deepEqual(summary(await analyzeTf(text, owner)), [['tagsight.parse-error', null, 1]]);
  });

  it('gives nothing but the parse error for a file with no whole block, and nothing for a clean file', async () => {
    assert.deepEqual(summary(await analyzeTf('resource "aws_s3_bucket" "a" {\n  bucket = "x\n', requireKeys('Owner'))), [
      ['tagsight.parse-error', null, 1],
    ]);
    assert.deepEqual(summary(await analyzeTf('resource "aws_s3_bucket" "a" {}\n', requireKeys('Owner'))), [
      ['tagsight.missing-tags', 'aws_s3_bucket.a', 0],
    ]);
  });

  it('follows edits in a broken file (recovery passes reparsed incrementally) as a fresh session would', async () => {
    const analyzer = new TerraformAnalyzer();
    const session = analyzer.createSession('/nonexistent-dir/main.tf');
    const context = { policy: owner, logger: silentLogger };
    try {
      let text = 'resource "aws_s3_bucket" "a" {\n  bucket = "x\n}\nresource "aws_s3_bucket" "b" {\n  tags = { Owner = "bad" }\n}\n';
      await session.analyze(text, context);
      // Type into the broken string, then into the later whole block.
      for (const [after, inserted] of [
        ['"x', 'y'],
        ['Owner = "b', 'x'],
      ] as const) {
        const before = text;
        const offset = before.indexOf(after) + after.length;
        text = before.slice(0, offset) + inserted + before.slice(offset);
        const lines = before.slice(0, offset).split('\n');
        const at = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
        const incremental = await session.analyze(text, context, [
          { range: { start: at, end: at }, rangeOffset: offset, rangeLength: 0, text: inserted },
        ]);
        const fresh = analyzer.createSession('/nonexistent-dir/main.tf');
        try {
          assert.deepEqual(incremental, await fresh.analyze(text, context));
        } finally {
          fresh.dispose();
        }
      }
      assert.match(text, /bucket = "xy\n[^]*Owner = "bxad"/);
    } finally {
      session.dispose();
      analyzer.dispose();
    }
  });

  it('stays fast on a large file broken in many places', async function () {
    this.timeout(20_000);
    const blocks: string[] = [];
    for (let i = 0; i < 2000; i++)
      blocks.push(`resource "aws_s3_bucket" "b${i}" {\n  bucket = "b${i}${i % 100 === 7 ? '' : '"'}\n  tags = { Owner = "ok" }\n}\n`);
    const started = Date.now();
    const findings = await analyzeTf(blocks.join(''), owner);
    assert.equal(findings.filter((f) => f.rule === 'tagsight.parse-error').length, 1);
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  });
});
