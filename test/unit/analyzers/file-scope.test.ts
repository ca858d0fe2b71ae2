import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_CHECKED_FILE_BYTES, checkedFilesGlob, judgeFoundFile } from '../../../src/analyzers/file-scope';
import { createAnalyzers } from '../../../src/analyzers/registry';
import { selectCheckFiles } from '../../../src/cli/check-files';
import { createExcludeMatcher, expandBraces, globToRegExp } from '../../../src/core/glob';
import { MemoryLogger } from '../helpers/memory-logger';
import { excludePatterns, judgeWorkspaceFile } from '../../../src/app/workspace-check/workspace-scope';

/**
 * One file scope, two front doors: `tagsight check DIR` and the editor's workspace check choose the same files of a
 * tree (src/analyzers/file-scope.ts). The editor's side is what workspace-check.ts does: `findFiles` with the
 * analyzers' glob and the exclusions, then the verdict on each file with its size.
 */
const TREE: Record<string, string | number> = {
  'main.tf': 'resource "aws_s3_bucket" "a" {}\n',
  'infra/network/vpc.tf': '',
  'stack.yaml': 'Resources: {}\n',
  'plan.json': '{}',
  'scripts/create-bucket.sh': 'aws s3api create-bucket --bucket b\n',
  'scripts/app.mjs': '',
  'scripts/build.sh': '',
  'src/app.ts': '',
  'src/types.d.ts': '',
  'tools/create_bucket.py': '',
  Makefile: '',
  '.github/workflows/deploy.yml': '',
  'README.md': '# x\n',
  'media/logo.png': '',
  'vendor/jquery.min.js': '',
  'node_modules/dep/main.tf': '',
  'packages/app/node_modules/dep/index.js': '',
  '.git/hooks/pre-commit.sh': '',
  '.terraform/modules/vpc/main.tf': '',
  '.terragrunt-cache/x/main.tf': '',
  '.aws-sam/build/template.yaml': '',
  'cdk.out/Stack.template.json': '',
  'dist/extension.js': '',
  'out/cli.js': '',
  'web/build/app.mjs': '',
  '.venv/lib/boto3/inject.py': '',
  'tools/__pycache__/x.py': '',
  'data/generated.json': MAX_CHECKED_FILE_BYTES + 1,
  'data/just-small-enough.json': MAX_CHECKED_FILE_BYTES,
};

const EXPECTED = [
  '.github/workflows/deploy.yml',
  'Makefile',
  'data/just-small-enough.json',
  'infra/network/vpc.tf',
  'main.tf',
  'plan.json',
  'scripts/app.mjs',
  'scripts/build.sh',
  'scripts/create-bucket.sh',
  'src/app.ts',
  'stack.yaml',
  'tools/create_bucket.py',
];

function walk(root: string, relative = ''): string[] {
  return fs.readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(root, child) : [child];
  });
}

describe('file scope: `tagsight check` and the editor choose the same files', () => {
  const analyzers = createAnalyzers();
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-scope-'));
    for (const [file, content] of Object.entries(TREE)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), typeof content === 'number' ? Buffer.alloc(content, 0x20) : content);
    }
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const analyzer of analyzers) (analyzer as { dispose?: () => void }).dispose?.();
  });

  const cliChoice = () =>
    selectCheckFiles([dir], analyzers, new MemoryLogger())
      .map(({ file }) => path.relative(dir, file).split(path.sep).join('/'))
      .sort();

  function editorChoice(userExcludes?: Record<string, unknown>): string[] {
    const include = expandBraces(checkedFilesGlob(analyzers)).map(globToRegExp);
    const patterns = excludePatterns(userExcludes);
    const excluded = createExcludeMatcher(patterns);
    // findFiles(include, exclude), then checkFile's verdict with the file's size.
    const found = walk(dir).filter((file) => include.some((expression) => expression.test(file)) && !excluded(file));
    return found
      .filter(
        (relativePath) =>
          judgeWorkspaceFile(
            { relativePath, filePath: path.join(dir, relativePath), sizeBytes: fs.statSync(path.join(dir, relativePath)).size },
            excluded,
            analyzers,
          ) === 'checked',
      )
      .sort();
  }

  it('reads the same files in both, and exactly the files written by hand', () => {
    assert.deepEqual(cliChoice(), EXPECTED);
    assert.deepEqual(editorChoice(), EXPECTED);
  });

  it('lets the editor honour files.exclude and search.exclude on top', () => {
    assert.deepEqual(
      editorChoice({ 'scripts/**': true }),
      EXPECTED.filter((file) => !file.startsWith('scripts/')),
    );
  });

  it('reads a file named on the command line whatever its folder, name or size, as the editor does an open file', () => {
    const named = ['dist/extension.js', 'vendor/jquery.min.js', 'data/generated.json'].map((file) => path.join(dir, file));
    assert.deepEqual(
      selectCheckFiles(named, analyzers, new MemoryLogger()).map(({ file }) => file),
      named,
    );
  });

  it('judges a found file by folder, name, analyzer and size', () => {
    const judge = (relativePath: string, sizeBytes = 10) =>
      judgeFoundFile({ relativePath, filePath: `/ws/${relativePath}`, sizeBytes }, analyzers);
    assert.equal(judge('a/node_modules/b/main.tf'), 'skipped');
    assert.equal(judge('app.min.js'), 'skipped');
    assert.equal(judge('node_modules.tf'), 'checked', 'only a folder of that name is skipped');
    assert.equal(judge('notes.txt'), 'not-handled');
    assert.equal(judge('main.tf', MAX_CHECKED_FILE_BYTES + 1), 'too-large');
    assert.equal(judge('deploy', 10), 'not-handled');
    assert.equal(
      judgeFoundFile({ relativePath: 'deploy', filePath: '/ws/deploy', sizeBytes: 10, languageId: 'shellscript' }, analyzers),
      'checked',
    );
  });
});
