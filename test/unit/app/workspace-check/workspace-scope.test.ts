import * as assert from 'node:assert/strict';
import { checkedFilesGlob } from '../../../../src/analyzers/file-scope';
import { analyzersFor, createAnalyzers } from '../../../../src/analyzers/registry';
import { createExcludeMatcher, expandBraces, globToRegExp } from '../../../../src/core/glob';
import {
  NO_FILES,
  workspaceCheckLogLine,
  workspaceCheckMessage,
  workspacePassEndLogLine,
} from '../../../../src/app/workspace-check/workspace-check-result';
import { excludeGlob, excludePatterns } from '../../../../src/app/workspace-check/workspace-scope';

/**
 * What the editor's workspace check walks, skips and says (src/analyzers/file-scope.ts,
 * src/app/workspace-check/workspace-scope.ts, workspace-check-result.ts).
 */
function matchesGlob(glob: string, relativePath: string): boolean {
  return expandBraces(glob).some((pattern) => globToRegExp(pattern).test(relativePath));
}

describe('workspace check: which files', () => {
  const analyzers = createAnalyzers();
  const CHECKED_FILES_GLOB = checkedFilesGlob(analyzers);
  after(() => {
    for (const analyzer of analyzers) (analyzer as { dispose?: () => void }).dispose?.();
  });

  const HANDLED = [
    'main.tf',
    'infra/network/vpc.tf',
    'stack.yaml',
    'cfn/stack.yml',
    'app.template',
    'plan.json',
    'scripts/create-bucket.js',
    'scripts/create-bucket.mjs',
    'lib/a.cjs',
    'ui/a.jsx',
    'src/a.ts',
    'src/a.mts',
    'src/a.cts',
    'ui/a.tsx',
    'scripts/create_bucket.py',
    'tools/a.pyw',
    'scripts/create-bucket.sh',
    'a.bash',
    'a.zsh',
    'a.ksh',
    'Makefile',
    'sub/makefile',
    'GNUmakefile',
    'rules/s3.mk',
    '.github/workflows/deploy.yml',
    '.gitlab-ci.yml',
    'buildspec.yml',
    'cmd/buckets/main.go',
    'src/main/java/Buckets.java',
    'Buckets/Buckets.cs',
  ];

  it("walks every file an analyzer handles, the scripts of the region check included (each analyzer's own patterns)", () => {
    for (const file of HANDLED) {
      assert.ok(analyzersFor(analyzers, `/ws/${file}`).length > 0, `the corpus is wrong: no analyzer handles ${file}`);
      assert.ok(matchesGlob(CHECKED_FILES_GLOB, file), `${CHECKED_FILES_GLOB} misses ${file}`);
    }
  });

  it('lets each analyzer declare the names of every file it handles', () => {
    for (const analyzer of analyzers) {
      for (const file of HANDLED.filter((candidate) => analyzer.handles(`/ws/${candidate}`))) {
        const name = file.split('/').pop()!;
        assert.ok(
          analyzer.filePatterns.some((pattern) => globToRegExp(pattern).test(name)),
          `${analyzer.id} handles ${file} but declares only ${analyzer.filePatterns.join(' ')}`,
        );
      }
    }
  });

  it('names no file kind that no analyzer handles', () => {
    for (const pattern of expandBraces(CHECKED_FILES_GLOB)) {
      assert.ok(
        HANDLED.some((file) => globToRegExp(pattern).test(file)),
        `nothing in the corpus for ${pattern}: add a handled file or drop the pattern`,
      );
    }
    assert.ok(!matchesGlob(CHECKED_FILES_GLOB, 'README.md'));
    assert.ok(!matchesGlob(CHECKED_FILES_GLOB, 'media/logo.png'));
  });

  it('skips dependencies, VCS data, build output and minified bundles, and nothing named like them', () => {
    const excludes = createExcludeMatcher(excludePatterns());
    for (const file of [
      'node_modules/@aws-sdk/client-s3/dist-cjs/index.js',
      'packages/app/node_modules/x/create.js',
      '.git/hooks/pre-commit.sh',
      'dist/extension.js',
      'out/cli.js',
      'build/create-bucket.sh',
      'web/build/app.mjs',
      '.terraform/modules/vpc/main.tf',
      'cdk.out/Stack.template.json',
      '.aws-sam/build/template.yaml',
      '.venv/lib/python3.12/site-packages/boto3/s3/inject.py',
      'vendor/jquery.min.js',
    ])
      assert.ok(excludes(file), `${file} is skipped`);
    for (const file of [
      'scripts/build.sh',
      'distribution/create.js',
      'builder/x.py',
      'src/out.ts',
      'main.tf',
      '.github/workflows/deploy.yml',
    ]) {
      assert.ok(!excludes(file), `${file} is checked`);
    }
  });

  it('adds the patterns files.exclude and search.exclude set to true, brace groups expanded', () => {
    const patterns = excludePatterns(
      { '**/.git': true, '**/generated': true, '**/*.js': { when: '$(basename).ts' } },
      { '**/node_modules': false, 'fixtures/{aws,gcp}/**': true, 'logs/': true },
    );
    for (const pattern of ['**/generated', 'fixtures/aws/**', 'fixtures/gcp/**', 'logs'])
      assert.ok(patterns.includes(pattern), `${pattern} in ${patterns.join(' ')}`);
    assert.ok(
      !patterns.some((pattern) => pattern.includes('*.js') && !pattern.includes('.min.')),
      'a pattern with a sibling condition is not applied',
    );
    const glob = excludeGlob(patterns);
    assert.ok(!glob.slice(1, -1).includes('{'), `one brace group, as VS Code's globs cannot nest them: ${glob}`);
    const excludes = createExcludeMatcher(patterns);
    for (const file of ['generated/clients/s3.ts', 'src/generated/a.py', 'fixtures/aws/create.sh', 'logs/x.json'])
      assert.ok(excludes(file), `${file} is excluded`);
    for (const file of ['fixtures/azure/create.sh', 'src/app.js', 'src/logs/x.json']) assert.ok(!excludes(file), `${file} is checked`);
  });

  it('reads globs as VS Code does', () => {
    assert.ok(globToRegExp('**').test('a/b/c.js'));
    assert.ok(globToRegExp('**/x.js').test('x.js'));
    assert.ok(globToRegExp('**/x.js').test('a/b/x.js'));
    assert.ok(!globToRegExp('*.js').test('a/x.js'), 'a star stays within its folder');
    assert.ok(globToRegExp('a/**/b').test('a/b') && globToRegExp('a/**/b').test('a/x/y/b'));
    assert.ok(globToRegExp('?.py').test('a.py') && !globToRegExp('?.py').test('ab.py'));
    assert.ok(globToRegExp('[abc].sh').test('b.sh') && !globToRegExp('[abc].sh').test('d.sh'));
    assert.ok(globToRegExp('[!abc].sh').test('d.sh') && !globToRegExp('[!abc].sh').test('a.sh'));
    assert.ok(globToRegExp('a.(b)+').test('a.(b)+'), 'regular-expression characters are literal');
    assert.deepEqual(expandBraces('a{b,c{d,e}}f'), ['abf', 'acdf', 'acef']);
    assert.deepEqual(expandBraces('a{b'), ['a{b']);
  });
});

describe('workspace check: what it says', () => {
  it('logs true counts per kind of file', () => {
    assert.equal(
      workspaceCheckLogLine({ ...NO_FILES, iacFiles: 2, codeFiles: 3, findings: 5, nothingToCheck: 1 }),
      'Workspace check: 2 IaC files and 3 code files checked, 5 findings (1 other file read, with nothing to check)',
    );
    assert.equal(
      workspaceCheckLogLine({ ...NO_FILES, iacFiles: 1, findings: 1, tooLarge: 2 }),
      'Workspace check: 1 IaC file and 0 code files checked, 1 finding (2 files over 2 MB skipped)',
    );
    assert.equal(
      workspacePassEndLogLine(3, {
        ...NO_FILES,
        iacFiles: 2,
        findings: 4,
        nothingToCheck: 5,
        filesRead: 7,
        cacheHits: 6,
        durationMs: 812.4,
        listingMs: 40.2,
      }),
      'Workspace check: pass 3 ended in 812 ms (listing 40 ms), 7 files read, 6 from the cache; 2 IaC files and 0 code files checked, 4 findings (5 other files read, with nothing to check)',
    );
  });

  it('tells the user how many files and problems', () => {
    assert.equal(
      workspaceCheckMessage({ ...NO_FILES, iacFiles: 2, codeFiles: 3, findings: 5, nothingToCheck: 40 }),
      'Tagsight checked 5 files: 5 problems.',
    );
    assert.equal(workspaceCheckMessage({ ...NO_FILES, codeFiles: 1 }), 'Tagsight checked 1 file: no problems.');
    assert.match(workspaceCheckMessage({ ...NO_FILES, nothingToCheck: 12 }), /^Tagsight found nothing to check/);
  });
});
