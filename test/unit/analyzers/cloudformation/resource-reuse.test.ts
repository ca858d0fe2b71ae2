import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CloudFormationAnalyzer } from '../../../../src/analyzers/cloudformation/analyzer';
import { parseTemplate } from '../../../../src/analyzers/cloudformation/parse-template';
import { reuseAfterEdits, snapshotOf } from '../../../../src/analyzers/cloudformation/resource-reuse';
import { checkTemplate } from '../../../../src/analyzers/cloudformation/tag-check';
import type { TextChange } from '../../../../src/analyzers/document-analyzer';
import { silentLogger } from '../../../../src/core/logger';
import type { TagPolicy } from '../../../../src/core/tag-policy';

/**
 * The typing path for YAML templates: keystrokes inside one resource reparse only that resource, also in SAM
 * templates with Globals and when several keystrokes arrive in one analysis (typed during the debounce). Every
 * result must equal a full parse of the same text.
 */
const policy: TagPolicy = {
  requirements: [
    { key: 'Owner', source: { kind: 'setting', name: 'test' } },
    { key: 'Env', allowedValues: ['dev', 'prod'], source: { kind: 'setting', name: 'test' } },
  ],
};
const context = { policy, logger: silentLogger };

function samTemplate(): string {
  const lines = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Transform: AWS::Serverless-2016-10-31',
    'Globals:',
    '  Function:',
    '    Tags:',
    '      Owner: platform',
    'Resources:',
  ];
  for (let i = 0; i < 8; i++) {
    lines.push(`  Fn${i}:`, '    Type: AWS::Serverless::Function', '    Properties:', `      Handler: app.h${i}`);
    if (i % 2) lines.push('      Tags:', `        Env: prod`);
    lines.push(
      `  Bucket${i}:`,
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      Tags:',
      '        - Key: Env',
      `          Value: dev`,
    );
  }
  return lines.join('\n') + '\n';
}

function positionAt(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

/** `inserted` typed at `at`, as the editor reports it. */
function typeAt(text: string, at: number, inserted: string): { text: string; change: TextChange } {
  const position = positionAt(text, at);
  return {
    text: text.slice(0, at) + inserted + text.slice(at),
    change: { range: { start: position, end: position }, rangeOffset: at, rangeLength: 0, text: inserted },
  };
}

describe('CloudFormation resource reuse (the YAML typing path)', () => {
  it('reuses the snapshot in a SAM template with Globals and agrees with a full parse', () => {
    const text = samTemplate();
    const template = parseTemplate(text, 'yaml');
    const snapshot = snapshotOf(text, template, checkTemplate(template, policy), policy);
    assert.ok(snapshot?.globals, 'a snapshot that carries the Globals section');
    const at = text.indexOf('Env: prod') + 'Env: prod'.length;
    const edited = typeAt(text, at, 'x');
    const reused = reuseAfterEdits(snapshot, edited.text, [edited.change], policy);
    assert.ok(reused, 'the edit inside one function is answered without a full parse');
    assert.deepEqual(reused.findings, checkTemplate(parseTemplate(edited.text, 'yaml'), policy));
    assert.ok(
      reused.findings.some((finding) => finding.rule === 'tagsight.disallowed-tag-value'),
      'the typed value is judged',
    );
  });

  it('replays several keystrokes of one analysis, each inside a resource', () => {
    const text = samTemplate();
    const template = parseTemplate(text, 'yaml');
    const snapshot = snapshotOf(text, template, checkTemplate(template, policy), policy)!;
    let current = text;
    const changes: TextChange[] = [];
    for (const marker of ['Value: dev', 'Handler: app.h3', 'Value: dev']) {
      const edited = typeAt(current, current.lastIndexOf(marker) + marker.length, 'z');
      current = edited.text;
      changes.push(edited.change);
    }
    const reused = reuseAfterEdits(snapshot, current, changes, policy);
    assert.ok(reused, 'three keystrokes in resources are replayed without a full parse');
    assert.deepEqual(reused.findings, checkTemplate(parseTemplate(current, 'yaml'), policy));
  });

  it('a session given several changes at once agrees with a full parse (random keystrokes)', async () => {
    const analyzer = new CloudFormationAnalyzer();
    const initial = samTemplate();
    const keystroke = fc.record({ at: fc.nat(), char: fc.constantFrom('a', '1', ' ', ':', '-', '!', '#', '\n') });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(keystroke, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), async (batches) => {
        const session = analyzer.createSession('/nonexistent/template.yaml');
        const fresh = analyzer.createSession('/nonexistent/template.yaml');
        try {
          let text = initial;
          await session.analyze(text, context);
          for (const batch of batches) {
            const changes: TextChange[] = [];
            for (const key of batch) {
              const edited = typeAt(text, key.at % (text.length + 1), key.char);
              text = edited.text;
              changes.push(edited.change);
            }
            assert.deepEqual(await session.analyze(text, context, changes), await fresh.analyze(text, context));
          }
        } finally {
          session.dispose();
          fresh.dispose();
        }
      }),
      { numRuns: 40, seed: 1919 },
    );
  });
});
