import * as assert from 'node:assert/strict';
import { dependentsOf, terraformTraits } from '../../../../src/app/workspace-check/dependents';
import { FindingsCache, contextKeyOf } from '../../../../src/app/workspace-check/findings-cache';
import type { CodeFinding } from '../../../../src/core/code-finding';

const finding: CodeFinding = {
  rule: 'tagsight.missing-tags',
  severity: 'warning',
  message: 'aws_s3_bucket.b lacks "Owner": add it.',
  range: { start: { line: 1, character: 0 }, end: { line: 1, character: 8 } },
  resource: 'aws_s3_bucket.b',
  fixes: [
    {
      title: 'Add missing tags',
      edits: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '  tags = {}\n' }],
    },
  ],
};

describe('workspace check: findings cache', () => {
  const context = contextKeyOf({ policy: ['Owner'] });
  const keys = { iac: context, code: contextKeyOf({ policy: ['Owner'], regions: ['us-east-1'] }) };

  it('answers for the same content and context, and survives storage', async () => {
    const cache = new FindingsCache('1.0.0');
    cache.set('file:///w/main.tf', { hash: 'h1', outcome: 'iac', contextKey: context, findings: [finding] });
    assert.ok(cache.dirty);
    const stored = await FindingsCache.parse(await cache.serialize(), '1.0.0');
    assert.equal(cache.dirty, false, 'saved');
    assert.deepEqual(stored.lookup('file:///w/main.tf', 'h1', keys)?.findings, [finding]);
    assert.equal(stored.lookup('file:///w/main.tf', 'h2', keys), undefined, 'other content');
    assert.equal(
      stored.lookup('file:///w/main.tf', 'h1', { ...keys, iac: contextKeyOf({ policy: ['Owner', 'Env'] }) }),
      undefined,
      'other policy',
    );
    assert.equal(stored.lookup('file:///w/other.tf', 'h1', keys), undefined);
  });

  it('judges a code file by the context key of code (regions included), an IaC file by that of IaC', () => {
    const cache = new FindingsCache('1.0.0');
    cache.set('file:///w/make.js', { hash: 'h', outcome: 'code', contextKey: keys.code, findings: [] });
    cache.set('file:///w/main.tf', { hash: 'h', outcome: 'iac', contextKey: keys.iac, findings: [] });
    const otherRegions = { ...keys, code: contextKeyOf({ policy: ['Owner'], regions: ['eu-west-1'] }) };
    assert.equal(cache.lookup('file:///w/make.js', 'h', otherRegions), undefined, 'the assumed region changed');
    assert.ok(cache.lookup('file:///w/main.tf', 'h', otherRegions), 'a template does not depend on regions');
  });

  it('keeps "nothing to check" whatever the context (the cheap text test needs none)', () => {
    const cache = new FindingsCache('1.0.0');
    cache.set('file:///w/app.js', { hash: 'h', outcome: 'nothing-to-check', findings: [] });
    assert.equal(cache.lookup('file:///w/app.js', 'h', { iac: 'other', code: 'other' })?.outcome, 'nothing-to-check');
  });

  it('drops a cache written by another version, and an unreadable one', async () => {
    const cache = new FindingsCache('1.0.0');
    cache.set('file:///w/main.tf', { hash: 'h1', outcome: 'iac', contextKey: context, findings: [] });
    const stored = await cache.serialize();
    assert.equal((await FindingsCache.parse(stored, '1.0.0')).size, 1);
    assert.equal((await FindingsCache.parse(stored, '1.0.1')).size, 0);
    assert.equal((await FindingsCache.parse(stored.slice(0, -10), '1.0.0')).size, 0, 'a cut-off file');
    assert.equal((await FindingsCache.parse('{"format":2,', '1.0.0')).size, 0);
    assert.equal((await FindingsCache.parse(undefined, '1.0.0')).size, 0);
  });

  it('yields while it reads and writes many entries', async () => {
    const cache = new FindingsCache('1.0.0');
    for (let i = 0; i < 50; i++)
      cache.set(`file:///w/f${i}.tf`, { hash: `h${i}`, outcome: 'iac', contextKey: context, findings: [finding] });
    let yields = 0;
    const everyTime = {
      yieldIfDue: async () => {
        yields++;
        return true;
      },
    };
    const stored = await cache.serialize(everyTime);
    assert.equal(yields, 50);
    assert.equal((await FindingsCache.parse(stored, '1.0.0', everyTime)).size, 50);
    assert.equal(yields, 100);
  });
});

describe('workspace check: dependents', () => {
  const files = [
    '/w/env/main.tf',
    '/w/env/providers.tf',
    '/w/env/modules/app/main.tf',
    '/w/env/modules/app/deep/x/y/z.tf',
    '/w/other/main.tf',
    '/w/env/template.yaml',
  ];

  it('a file declaring providers or locals: the other .tf files of its folder, nothing else', () => {
    const traits = terraformTraits('provider "aws" {\n  default_tags { tags = { Owner = "x" } }\n}\n');
    assert.deepEqual(traits, { declaresContext: true, callsModules: false });
    assert.deepEqual(dependentsOf('/w/env/providers.tf', traits, traits, files), ['/w/env/main.tf']);
  });

  it('a file calling modules: also the modules below its folder, up to three levels', () => {
    const traits = terraformTraits('module "app" {\n  source = "./modules/app"\n}\n');
    assert.deepEqual(dependentsOf('/w/env/main.tf', traits, traits, files), ['/w/env/providers.tf', '/w/env/modules/app/main.tf']);
  });

  it('a file of resources only (before and after): no dependents; a non-Terraform file: none', () => {
    const traits = terraformTraits('resource "aws_s3_bucket" "b" {}\n');
    assert.deepEqual(dependentsOf('/w/env/main.tf', traits, traits, files), []);
    assert.deepEqual(dependentsOf('/w/env/template.yaml', undefined, undefined, files), []);
  });

  it('a file that stopped declaring providers still has the dependents it had', () => {
    const before = terraformTraits('provider "aws" {}\n');
    const after = terraformTraits('resource "aws_s3_bucket" "b" {}\n');
    assert.deepEqual(dependentsOf('/w/env/providers.tf', before, after, files), ['/w/env/main.tf']);
  });
});
