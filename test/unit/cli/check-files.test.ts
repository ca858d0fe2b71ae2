import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listCheckFiles } from '../../../src/cli/check-files';
import { MemoryLogger } from '../helpers/memory-logger';
import { UsageError } from '../../../src/core/errors';

describe('the files `tagsight check` reads', () => {
  let dir: string;
  let logger: MemoryLogger;
  const list = (...targets: string[]) =>
    listCheckFiles(
      targets.map((t) => path.join(dir, t)),
      logger,
    )
      .map(({ file }) => path.relative(dir, file))
      .sort();
  const write = (file: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), '');
  };
  const link = (target: string, at: string) => fs.symlinkSync(target, path.join(dir, at));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-files-'));
    logger = new MemoryLogger();
    write('common/shared.tf');
    write('env/main.tf');
    write('env/node_modules/dep/x.tf');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('follows a link to a file: `check env` finds env/shared.tf -> ../common/shared.tf as `check env/shared.tf` does', () => {
    link('../common/shared.tf', 'env/shared.tf');
    assert.deepEqual(list('env'), ['env/main.tf', 'env/shared.tf']);
    assert.deepEqual(list('env/shared.tf'), ['env/shared.tf']);
  });

  it('follows a link to a directory, but not into skipped directories', () => {
    link('../common', 'env/modules');
    link('../common', 'env/.terraform');
    assert.deepEqual(list('env'), ['env/main.tf', 'env/modules/shared.tf']);
  });

  it('ends link loops: every directory is entered once, whatever it is called', () => {
    link('..', 'env/up');
    link('.', 'common/self');
    assert.deepEqual(list('env'), ['env/main.tf', 'env/up/common/shared.tf']);
  });

  it('reports each real file once, under the path without links, whatever the order of discovery and the arguments', () => {
    link('../common/shared.tf', 'env/shared.tf');
    link('../common', 'env/aaa-common');
    assert.deepEqual(list('.'), ['common/shared.tf', 'env/main.tf']);
    assert.deepEqual(list('env', 'common', 'env', 'common/shared.tf'), ['common/shared.tf', 'env/main.tf']);
    assert.deepEqual(list('env'), ['env/main.tf', 'env/shared.tf'], 'the link to the file before the link to its directory');
  });

  it('skips a broken link with a warning and refuses a missing argument', () => {
    link('nowhere.tf', 'env/broken.tf');
    assert.deepEqual(list('env'), ['env/main.tf']);
    assert.match(logger.records.find((r) => r.level === 'warn')?.message ?? '', /env\/broken\.tf/);
    assert.throws(() => list('missing'), UsageError);
  });
});
