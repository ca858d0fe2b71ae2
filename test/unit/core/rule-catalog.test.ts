import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzersFor, createAnalyzers } from '../../../src/analyzers/registry';
import { silentLogger } from '../../../src/core/logger';
import { RULE_CATALOG, RULE_IDS, editorSeverity, isCodeRuleId } from '../../../src/core/rule-catalog';
import type { TagPolicy } from '../../../src/core/tag-policy';

/**
 * The rule catalog (src/core/rule-catalog.ts) is the one place a rule is described: every rule a check can emit
 * is in it, and every page and anchor it links to exists.
 */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The anchors GitHub and VS Code's Markdown preview give headings: lower case, punctuation dropped, spaces to dashes. */
function headingAnchors(markdown: string): Set<string> {
  return new Set(
    [...markdown.matchAll(/^#+ (.+)$/gm)].map((m) =>
      m[1]!
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  );
}

const policy: TagPolicy = {
  requirements: [
    { key: 'Owner', source: { kind: 'policy-file', name: 'tag-policy.json' } },
    { key: 'Env', allowedValues: ['dev', 'prod'], source: { kind: 'policy-file', name: 'tag-policy.json' } },
  ],
};

describe('rule catalog', () => {
  it('holds every rule id written anywhere in the source (a rule id is `tagsight.` and a dashed name)', () => {
    const unknown: string[] = [];
    for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/['"`](tagsight\.[a-z]+(?:-[a-z]+)+)['"`]/g)) {
        if (!isCodeRuleId(match[1]!)) unknown.push(`${path.relative(REPO_ROOT, file)}: ${match[1]}`);
      }
    }
    assert.deepEqual(unknown, [], 'rule ids missing from src/core/rule-catalog.ts');
  });

  it('holds every rule the analyzers emit on the fixture and demo workspaces and on malformed files', async () => {
    const analyzers = createAnalyzers();
    const emitted = new Set<string>();
    const inputs: Array<{ file: string; text: string }> = [
      { file: '/ws/values.tf', text: 'resource "aws_s3_bucket" "a" {\n  tags = { Owner = "me", Env = "staging" }\n}\n' },
      { file: '/ws/broken.tf', text: 'resource "aws_s3_bucket" "a" {\n  tags = {\n' },
      { file: '/ws/broken.yaml', text: 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: [\n' },
      { file: '/ws/plan.json', text: '{"format_version": "1.2", "terraform_version": "1.9.0", "planned_values": {' },
      {
        file: '/ws/us-east-1.sh',
        text: 'aws s3api create-bucket --bucket b --region us-east-1 --create-bucket-configuration LocationConstraint=us-east-1\n',
      },
      {
        file: '/ws/eu.sh',
        text: 'aws s3api create-bucket --bucket b --region us-east-1 --create-bucket-configuration LocationConstraint=eu-west-1\n',
      },
    ];
    const roots = ['test/integration/fixtures', 'demo/workspace'].map((root) => path.join(REPO_ROOT, root));
    const walk = (directory: string): string[] =>
      fs
        .readdirSync(directory, { withFileTypes: true })
        .flatMap((entry) => (entry.isDirectory() ? walk(path.join(directory, entry.name)) : [path.join(directory, entry.name)]));
    for (const file of roots.flatMap(walk)) inputs.push({ file, text: fs.readFileSync(file, 'utf8') });
    try {
      for (const { file, text } of inputs) {
        for (const analyzer of analyzersFor(analyzers, file)) {
          const session = analyzer.createSession(file);
          try {
            for (const finding of await session.analyze(text, { policy, logger: silentLogger })) emitted.add(finding.rule);
          } finally {
            session.dispose();
          }
        }
      }
    } finally {
      for (const analyzer of analyzers) (analyzer as { dispose?: () => void }).dispose?.();
    }
    for (const rule of [
      'tagsight.missing-tags',
      'tagsight.disallowed-tag-value',
      'tagsight.region-mismatch',
      'tagsight.invalid-location-constraint',
      'tagsight.parse-error',
    ]) {
      assert.ok(emitted.has(rule), `the corpus no longer produces ${rule}: extend it, or this test proves less`);
    }
    for (const rule of emitted) assert.ok(isCodeRuleId(rule), `${rule} is emitted but not in the catalog`);
  });

  it('links every rule to a heading that exists in a page of the repository, shipped in the extension', () => {
    const shipped = fs.readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8').split(/\r?\n/);
    for (const rule of RULE_IDS) {
      const { page, anchor } = RULE_CATALOG[rule].documentation;
      const file = path.join(REPO_ROOT, page);
      assert.ok(fs.existsSync(file), `${rule}: ${page} does not exist`);
      assert.ok(headingAnchors(fs.readFileSync(file, 'utf8')).has(anchor), `${page} has no heading #${anchor} for ${rule}`);
      assert.ok(shipped.includes(`!${page}`), `${rule}: ${page} is not in the .vsix (.vscodeignore), so the editor's link would be dead`);
    }
  });

  it('describes every rule for SARIF: a unique PascalCase name, a title, a description and tags', () => {
    const names = RULE_IDS.map((rule) => RULE_CATALOG[rule].name);
    assert.equal(new Set(names).size, names.length, 'SARIF names are unique');
    for (const rule of RULE_IDS) {
      const entry = RULE_CATALOG[rule];
      assert.match(entry.name, /^[A-Z][A-Za-z]+$/, rule);
      assert.ok(entry.title.length > 0 && !entry.title.endsWith('.'), `${rule}: a title is a phrase`);
      assert.ok(entry.description.endsWith('.'), `${rule}: a description is a sentence`);
      assert.ok(entry.tags.length > 0, `${rule}: tags`);
    }
  });

  it("decides the editor severity: the tag-severity setting for tag rules, information for parse errors, else the finding's", () => {
    assert.equal(editorSeverity('tagsight.missing-tags', 'warning', 'error'), 'error');
    assert.equal(editorSeverity('tagsight.disallowed-tag-value', 'warning', 'hint'), 'hint');
    assert.equal(editorSeverity('tagsight.parse-error', 'error', 'hint'), 'information');
    assert.equal(editorSeverity('tagsight.region-mismatch', 'information', 'error'), 'information');
    assert.equal(editorSeverity('tagsight.invalid-location-constraint', 'error', 'hint'), 'error');
  });
});
