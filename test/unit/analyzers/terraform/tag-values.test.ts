import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Parser, type SyntaxNode, createParser } from '../../../../src/analyzers/parser-runtime';
import { scanFlatObject, scanMergeCall } from '../../../../src/analyzers/terraform/flat-object-scan';
import { type TagMap, evaluateTagMap } from '../../../../src/analyzers/terraform/hcl-eval';
import { attributeExpression, bodyAttributes } from '../../../../src/analyzers/terraform/hcl-nodes';
import { buildModuleModel } from '../../../../src/analyzers/terraform/module-model';

/**
 * Tag values are read from the text for the common shapes (flat-object-scan.ts) and from the tree otherwise.
 * Both readings must agree: the property test evaluates each generated value both ways (the tree way by hiding
 * the text fast path's trigger), including shapes the scanner must refuse.
 */
describe('terraform: tag values read from the text agree with the tree', () => {
  let parser: Parser;
  before(async () => {
    parser = await createParser('terraform');
  });
  after(() => parser.delete());

  const start = { line: 0, character: 0 };

  it('scans flat objects and merge() calls, and refuses everything else', () => {
    assert.deepEqual(
      scanFlatObject('{\n  Owner = "a" # c\n  "Cost Center": var.cc,\n}', { line: 3, character: 9 })?.map((e) => [
        e.keySource,
        e.valueSource,
        e.valueStart,
        e.valueEnd,
      ]),
      [
        ['Owner', '"a"', { line: 4, character: 10 }, { line: 4, character: 13 }],
        ['"Cost Center"', 'var.cc', { line: 5, character: 17 }, { line: 5, character: 23 }],
      ],
    );
    for (const refused of [
      '{ a = { b = 1 } }',
      '{ a = [1] }',
      '{ a = f(x) }',
      '{ a = "${x}" }',
      '{ a = x ? y : z }',
      '{ (k) = 1 }',
      '{ a = 1 }[0]',
      '{ a = <<EOT\nx\nEOT\n}',
      '{ a = b.c[0] }',
      '{ a = 1 /* open }',
    ]) {
      assert.equal(scanFlatObject(refused, start), undefined, refused);
    }
    assert.deepEqual(
      scanMergeCall('merge(local.common, { A = "1" })', start)?.map((a) => a.kind),
      ['local', 'object'],
    );
    for (const refused of [
      'merge(local.a.b)',
      'merge(local.a[0])',
      'merge(var.x)',
      'merge(local.a...)',
      'merge()',
      'merger(local.a)',
      'merge(local.a) + 1',
    ]) {
      assert.equal(scanMergeCall(refused, start), undefined, refused);
    }
  });

  function evaluateBoth(source: string): { fast: TagMap; tree: TagMap } | undefined {
    const text = `locals {\n  common = { Owner = "platform" }\n}\nresource "aws_s3_bucket" "b" {\n  tags = ${source}\n}\n`;
    const tree = parser.parse(text)!;
    try {
      if (tree.rootNode.hasError) return undefined;
      const model = buildModuleModel([{ path: 'main.tf', root: tree.rootNode, text }]);
      const resource = tree.rootNode.descendantsOfType('block').find((block) => block?.text.startsWith('resource'));
      const attribute = bodyAttributes(resource!).get('tags')!;
      const expression = attributeExpression(attribute)!;
      const fast = evaluateTagMap(expression, model);
      // The same node with its text hidden from the fast path (which only reads `text` to decide).
      const hidden = new Proxy(expression, {
        get: (target, property) => (property === 'text' ? ` ${target.text}` : Reflect.get(target, property, target)),
      }) as SyntaxNode;
      return { fast, tree: evaluateTagMap(hidden, buildModuleModel([{ path: 'main.tf', root: tree.rootNode, text }])) };
    } finally {
      tree.delete();
    }
  }

  it('gives the same keys, values, ranges and completeness as the tree for generated values', () => {
    const key = fc.constantFrom('Owner', 'cost-center', '"Cost Center"', '"a\\"b"', '(var.k)', 'x_1');
    const value = fc.constantFrom(
      '"dev"',
      '"pro\\"d"',
      '"${var.x}"',
      '"a%{ if true }b%{ endif }"',
      'var.env',
      '42',
      'true',
      'null',
      'local.common',
      'var.m[0]',
      '{ N = 1 }',
      '[1, 2]',
      'lower("X")',
      'var.a ? "x" : "y"',
      '<<EOT\nheredoc\nEOT\n',
    );
    const gap = fc.constantFrom(' ', '', '   ');
    const separator = fc.constantFrom(',\n    ', '\n    ', ', ', ' # note\n    ', ' /* c */\n    ', ',\n    // line\n    ');
    const element = fc.tuple(key, gap, fc.constantFrom('=', ':'), gap, value).map(([k, g1, s, g2, v]) => `${k}${g1}${s}${g2}${v}`);
    const object = fc
      .tuple(fc.array(fc.tuple(element, separator), { maxLength: 5 }), fc.constantFrom('', '\n  '))
      .map(([items, end]) => `{\n    ${items.map(([e, s]) => `${e}${s}`).join('')}${end}}`);
    const argument = fc.oneof(object, fc.constantFrom('local.common', 'local.missing', 'var.tags', 'local.common.x'));
    const shape = fc.oneof(
      object,
      fc.array(argument, { minLength: 1, maxLength: 3 }).map((args) => `merge(${args.join(', ')})`),
    );
    let compared = 0;
    fc.assert(
      fc.property(shape, (source) => {
        const both = evaluateBoth(source);
        if (!both) return;
        compared++;
        assert.deepEqual(both.fast, both.tree, source);
      }),
      { numRuns: 300, seed: 4242 },
    );
    assert.ok(compared > 100, `only ${compared} generated values parsed without errors`);
  });
});
