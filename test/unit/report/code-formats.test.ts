import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import type { CodeFinding } from '../../../src/core/code-finding';
import { RULE_CATALOG, RULE_IDS } from '../../../src/core/rule-catalog';
import { formatCodeJson } from '../../../src/report/code-json';
import { ruleHelpUri } from '../../../src/report/code-report';
import { formatCodeSarif } from '../../../src/report/code-sarif';
import { stripSnippet } from '../../../src/report/code-snippet';
import { formatCodeText } from '../../../src/report/code-text';

/**
 * The SARIF schema is vendored: test/unit/report/sarif-schema-2.1.0.json is sarif-2.1.0-rtm.5.json (the OASIS
 * SARIF 2.1.0 schema as published on SchemaStore), taken from the npm package @microsoft/jest-sarif@1.0.0-beta.0
 * (lib/schemas/, MIT). It is draft-04 JSON Schema, hence ajv-draft-04; its `language` pattern has a stray `]` that
 * only non-unicode regular expressions accept (as JSON Schema validators of its time did), hence unicodeRegExp: false.
 */
const missing: CodeFinding = {
  rule: 'tagsight.missing-tags',
  severity: 'warning',
  message: 'aws_s3_bucket.logs is missing required tags "CostCenter", "Owner" (required by policy file tag-policy.json).',
  range: { start: { line: 4, character: 0 }, end: { line: 4, character: 32 } },
  resource: 'aws_s3_bucket.logs',
  missing: ['CostCenter', 'Owner'],
  source: { kind: 'policy-file', name: 'tag-policy.json' },
};
const disallowed: CodeFinding = {
  rule: 'tagsight.disallowed-tag-value',
  severity: 'information',
  message: 'Bucket: tag "Env" has value "x", which is not allowed.',
  range: { start: { line: 9, character: 16 }, end: { line: 9, character: 19 } },
  resource: 'Bucket',
  source: { kind: 'setting', name: 'tagsight.requiredTags' },
  properties: { key: 'Env', value: 'x', ignored: undefined },
};
const findings = [
  { file: path.join('stacks', 'app template.yaml'), finding: disallowed },
  { file: 'main.tf', finding: missing },
];

function sarifValidator(): (sarif: unknown) => void {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  const parses = (text: string, base?: string) => {
    try {
      new URL(text, base);
      return true;
    } catch {
      return false;
    }
  };
  ajv.addFormat('uri', (text: string) => parses(text));
  ajv.addFormat('uri-reference', (text: string) => parses(text, 'file:///'));
  ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
  const validate = ajv.compile(schema);
  return (sarif) => assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
}

/** A region finding as the shell analyzer reports `aws s3api create-bucket ... LocationConstraint=us-east-1` on `line`. */
function usEast1Constraint(line: number): CodeFinding {
  return {
    rule: 'tagsight.invalid-location-constraint',
    severity: 'error',
    message: 'This CreateBucket call will fail with InvalidLocationConstraint.',
    range: { start: { line, character: 60 }, end: { line, character: 88 } },
    resource: 'aws s3api create-bucket',
    properties: { locationConstraint: 'us-east-1' },
  };
}

describe('code finding formats', () => {
  it('JSON: one object per finding with 1-based positions, rule, resource, missing keys and source', () => {
    const parsed = JSON.parse(formatCodeJson(findings)) as Array<Record<string, unknown>>;
    assert.deepEqual(parsed[0], {
      file: 'main.tf',
      line: 5,
      column: 1,
      endLine: 5,
      endColumn: 33,
      rule: 'tagsight.missing-tags',
      helpUri: 'https://github.com/tagsight/tagsight/blob/main/README.md#tagsightmissing-tags',
      severity: 'warning',
      message: missing.message,
      resource: 'aws_s3_bucket.logs',
      missing: ['CostCenter', 'Owner'],
      source: 'tag-policy.json',
    });
    assert.deepEqual(parsed[1]!.properties, { key: 'Env', value: 'x' });
    assert.equal(JSON.parse(formatCodeJson([])).length, 0);
  });

  it('text: file:line:column, severity, message and rule; a count at the end', () => {
    const text = formatCodeText(findings);
    assert.match(text, /^main\.tf:5:1: warning: aws_s3_bucket\.logs is missing .* \[tagsight\.missing-tags\]$/m);
    assert.match(text, /2 findings\.\n$/);
    assert.equal(formatCodeText([]), 'No findings.\n');
  });

  it('SARIF 2.1.0 validates against the official schema, with rules, help links and fingerprints', () => {
    const validate = sarifValidator();
    for (const input of [findings, []]) validate(JSON.parse(formatCodeSarif(input, { version: '0.1.0', srcRoot: '/home/dev/repo' })));
    const sarif = JSON.parse(formatCodeSarif(findings, { version: '0.1.0', srcRoot: '/home/dev/repo' }));
    const run = sarif.runs[0];
    assert.deepEqual(
      run.tool.driver.rules.map((r: { id: string }) => r.id),
      ['tagsight.disallowed-tag-value', 'tagsight.missing-tags'],
    );
    assert.ok(run.tool.driver.rules.every((r: { helpUri: string }) => r.helpUri.startsWith('https://')));
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'tagsight.missing-tags');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 5, startColumn: 1, endLine: 5, endColumn: 33 });
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'main.tf');
    assert.equal(
      run.results.find((r: { ruleId: string }) => r.ruleId !== 'tagsight.missing-tags').locations[0].physicalLocation.artifactLocation.uri,
      'stacks/app%20template.yaml',
    );
    assert.equal(run.results[1].level, 'note');
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, 'file:///home/dev/repo/');
    // The fingerprint ignores the line: moving the resource down keeps the alert the same.
    const moved = JSON.parse(
      formatCodeSarif(
        [{ file: 'main.tf', finding: { ...missing, range: { start: { line: 40, character: 0 }, end: { line: 40, character: 5 } } } }],
        { version: '0.1.0', srcRoot: '/w' },
      ),
    );
    assert.deepEqual(moved.runs[0].results[0].partialFingerprints, result.partialFingerprints);
    // The same value earlier versions wrote, so existing alerts for missing tags stay open as the same alerts.
    const earlier = createHash('sha256')
      .update(['tagsight.missing-tags', 'main.tf', 'aws_s3_bucket.logs', 'CostCenter,Owner', ''].join('\u0000'))
      .digest('hex')
      .slice(0, 32);
    assert.equal(result.partialFingerprints['tagsightFinding/v1'], earlier);
  });

  it('SARIF: identical calls in one file get different fingerprints, which a line inserted above does not change', () => {
    const validate = sarifValidator();
    const call = 'aws s3api create-bucket --bucket logs --create-bucket-configuration LocationConstraint=us-east-1';
    const script = ['#!/bin/sh', call, 'echo done', call, ''].join('\n');
    const sarifOf = (text: string, lines: readonly number[]) => {
      const sarif = JSON.parse(
        formatCodeSarif(
          lines.map((line) => ({ file: 'make.sh', finding: usEast1Constraint(line) })),
          { version: '0.1.0', srcRoot: '/w', sourceText: (file) => (file === 'make.sh' ? text : undefined) },
        ),
      );
      validate(sarif);
      return (sarif.runs[0].results as Array<{ partialFingerprints: Record<string, string> }>).map(
        (r) => r.partialFingerprints['tagsightFinding/v1'],
      );
    };
    const before = sarifOf(script, [1, 3]);
    assert.notEqual(before[0], before[1]);
    assert.deepEqual(sarifOf(`\n${script}`, [2, 4]), before, 'a blank line above moves both calls but keeps their alerts');
    assert.deepEqual(sarifOf(script.replace('echo done', 'echo done\necho again'), [1, 4]), before, 'an edit between them keeps both');
    const other = sarifOf(['#!/bin/sh', call.replace('logs', 'audit'), call, ''].join('\n'), [1, 2]);
    assert.equal(other[1], before[0], "a different call inserted above leaves the identical calls' fingerprints alone");
    assert.notEqual(other[0], before[0]);
    // Without the text (a caller that passes none), the occurrence index still tells them apart.
    const blind = JSON.parse(
      formatCodeSarif(
        [1, 3].map((line) => ({ file: 'make.sh', finding: usEast1Constraint(line) })),
        { version: '0.1.0', srcRoot: '/w' },
      ),
    );
    assert.notEqual(
      blind.runs[0].results[0].partialFingerprints['tagsightFinding/v1'],
      blind.runs[0].results[1].partialFingerprints['tagsightFinding/v1'],
    );
  });

  it('SARIF: two disallowed values on one resource are two alerts', () => {
    const team: CodeFinding = {
      ...disallowed,
      message: 'Bucket: tag "Team" has value "y", which is not allowed.',
      range: { start: { line: 10, character: 16 }, end: { line: 10, character: 19 } },
      properties: { key: 'Team', value: 'y' },
    };
    const sarif = JSON.parse(
      formatCodeSarif(
        [
          { file: 't.yaml', finding: disallowed },
          { file: 't.yaml', finding: team },
        ],
        { version: '0.1.0', srcRoot: '/w' },
      ),
    );
    assert.notEqual(
      sarif.runs[0].results[0].partialFingerprints['tagsightFinding/v1'],
      sarif.runs[0].results[1].partialFingerprints['tagsightFinding/v1'],
    );
  });

  it('SARIF: files under the working directory are relative to %SRCROOT%, files outside it absolute file:// URIs', () => {
    const sarif = JSON.parse(
      formatCodeSarif(
        [
          { file: path.join('..', 'sh', 'b c.sh'), finding: usEast1Constraint(0) },
          { file: path.join('infra', 'main.tf'), finding: missing },
        ],
        { version: '0.1.0', srcRoot: '/home/dev/repo' },
      ),
    );
    sarifValidator()(sarif);
    const locations = (sarif.runs[0].results as Array<{ locations: Array<{ physicalLocation: { artifactLocation: unknown } }> }>).map(
      (r) => r.locations[0]!.physicalLocation.artifactLocation,
    );
    assert.deepEqual(locations, [{ uri: 'file:///home/dev/sh/b%20c.sh' }, { uri: 'infra/main.tf', uriBaseId: '%SRCROOT%' }]);
    assert.equal(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri, 'file:///home/dev/repo/');
  });

  it('SARIF: the invalid-location-constraint rule describes the explicit us-east-1 constraint AWS rejects', () => {
    const sarif = JSON.parse(formatCodeSarif([{ file: 'make.sh', finding: usEast1Constraint(0) }], { version: '0.1.0', srcRoot: '/w' }));
    const rule = sarif.runs[0].tool.driver.rules[0];
    assert.equal(rule.id, 'tagsight.invalid-location-constraint');
    assert.match(rule.shortDescription.text, /us-east-1/);
    assert.match(rule.fullDescription.text, /us-east-1.*InvalidLocationConstraint/);
    assert.doesNotMatch(rule.fullDescription.text, /does not match the client region/);
  });

  it('strips snippet syntax to default text', () => {
    assert.equal(stripSnippet('Owner = "${1:value}"\nEnv = "${2|dev,prod|}"'), 'Owner = "value"\nEnv = "dev"');
    assert.equal(stripSnippet('a \\$ b \\} ${1:x\\}y} $0 ${3|a\\,b,c|}'), 'a $ b } x}y  a,b');
  });

  it('links every rule to its documentation on the repository named in package.json', () => {
    const root = path.join(__dirname, '..', '..', '..');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      homepage: string;
      repository: { url: string };
    };
    for (const rule of RULE_IDS) {
      const { page, anchor } = RULE_CATALOG[rule].documentation;
      assert.equal(ruleHelpUri(rule), `${manifest.repository.url.replace(/\.git$/, '')}/blob/main/${page}#${anchor}`);
    }
    const sarif = JSON.parse(formatCodeSarif(findings, { version: '0.1.0', srcRoot: '/home/dev/repo' }));
    assert.equal(sarif.runs[0].tool.driver.informationUri, manifest.homepage);
    assert.equal(
      sarif.runs[0].tool.driver.rules[1].helpUri,
      'https://github.com/tagsight/tagsight/blob/main/README.md#tagsightmissing-tags',
    );
  });
});
