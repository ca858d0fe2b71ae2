import * as assert from 'node:assert/strict';
import { type Parser, type SyntaxNode, createParser } from '../../../../src/analyzers/parser-runtime';
import { type BlockParts, BlockReader } from '../../../../src/analyzers/terraform/hcl-nodes';
import { indexBlocks } from '../../../../src/analyzers/terraform/module-model';

/**
 * In a tree without syntax errors BlockReader reads a plain header from the text and finds the closing brace from
 * the block's end; in a tree with errors it reads everything from the tree. Both readings of the same block must
 * agree: each block below is read once alone and once followed by an unclosed block, which puts an error in the
 * tree but leaves the block itself as it was.
 */
describe('terraform: block parts read from the text agree with the tree', () => {
  let parser: Parser;
  before(async () => {
    parser = await createParser('terraform');
  });
  after(() => parser.delete());

  const wanted = { attributes: ['tags', 'provider'], blocks: ['tag', 'dynamic'] };

  function comparable(parts: BlockParts) {
    const span = (node: SyntaxNode) => [node.startIndex, node.endIndex];
    return {
      labels: parts.labels,
      headerRange: parts.headerRange,
      shape: parts.shape,
      attributes: [...parts.attributes].map(([name, node]) => [name, span(node)]),
      blocks: [...parts.blocks].map(([name, nodes]) => [name, nodes.map(span)]),
    };
  }

  function readFirstBlock(text: string, expectErrors: boolean) {
    const tree = parser.parse(text)!;
    const reader = new BlockReader(tree.rootNode, text);
    try {
      assert.equal(tree.rootNode.hasError, expectErrors, text);
      const block = indexBlocks(tree.rootNode, text)[0]!.node;
      return comparable(reader.parts(block, wanted));
    } finally {
      reader.dispose();
      tree.delete();
    }
  }

  const blocks = [
    'resource "aws_s3_bucket" "logs" {\n  bucket = "x"\n  tags = { Owner = "a" }\n}',
    'resource "aws_s3_bucket" "logs"{\n}',
    'resource aws_s3_bucket logs {\n  tags = var.tags\n}',
    'resource\t"aws_s3_bucket"\t"tabs"\t{\n}',
    'resource "aws_s3_bucket" "one_line" { tags = {} }',
    'resource "aws_s3_bucket" "empty" {}',
    'resource "aws_s3_bucket" "comment" { # after the brace\n  # before the first member\n  tags = {}\n}',
    'resource "aws_s3_bucket" /* between labels */ "c" {\n}',
    'resource "aws_s3_bucket"\n  "split" {\n}',
    'resource "aws_s3_bucket" "bücket" {\n  tags = {}\n}',
    'resource "aws_s3_bucket" "esc\\"aped" {\n}',
    'resource "aws_s3_bucket" "${var.name}" {\n}',
    'resource "aws_s3_bucket" "100%" {\n}',
    'resource "aws_s3_bucket" "" {\n}',
    'resource "a" "b" "c" {\n}',
    'resource {\n}',
    'resource::x "a" {\n}',
    'resource "aws_instance" "web" {\n  provider = aws.eu\n  tags     = { Owner = "a" }\n  tags     = { Owner = "b" }\n}',
    'resource "aws_autoscaling_group" "asg" {\n  tag {\n    key   = "Owner"\n    value = "a"\n  }\n  dynamic "tag" {\n    for_each = var.tags\n  }\n  lifecycle {\n    create_before_destroy = true\n  }\n}',
    'resource "aws_s3_bucket" "crlf" {\r\n  tags = {}\r\n}',
  ];

  for (const block of blocks) {
    it(JSON.stringify(block.split('\n')[0]), () => {
      const clean = readFirstBlock(`${block}\n`, false);
      const fromTree = readFirstBlock(`${block}\nresource "aws_s3_bucket" "broken" {\n`, true);
      assert.deepEqual(clean, fromTree);
    });
  }
});
