import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contentHash, readAhead, readDiskFile } from '../../../../src/app/workspace-check/file-content';
import { TimeSlice } from '../../../../src/app/workspace-check/time-slice';

describe('workspace check: reading files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-read-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a file from disk as text with the hash of its bytes, dropping a byte order mark', async () => {
    const file = path.join(dir, 'main.tf');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('resource "aws_s3_bucket" "b" {}\n')]);
    fs.writeFileSync(file, bytes);
    const content = await readDiskFile(file, 1000);
    assert.deepEqual(content, {
      kind: 'text',
      text: 'resource "aws_s3_bucket" "b" {}\n',
      hash: contentHash(bytes),
      stamp: { mtimeMs: fs.statSync(file).mtimeMs, size: bytes.length },
    });
    fs.writeFileSync(file, 'resource "aws_s3_bucket" "c" {}\n');
    const changed = await readDiskFile(file, 1000);
    assert.ok(changed.kind === 'text' && changed.hash !== contentHash(bytes), 'other bytes, other hash');
  });

  it('does not read a file again whose modification time and size are those known, and reads it once they differ', async () => {
    const file = path.join(dir, 'main.tf');
    fs.writeFileSync(file, 'a = 1\n');
    const first = await readDiskFile(file, 1000);
    assert.ok(first.kind === 'text' && first.stamp);
    const known = { ...first.stamp, hash: first.hash };
    assert.deepEqual(await readDiskFile(file, 1000, known), { kind: 'unchanged', hash: first.hash });
    fs.writeFileSync(file, 'a = 22\n');
    const changed = await readDiskFile(file, 1000, known);
    assert.ok(changed.kind === 'text' && changed.text === 'a = 22\n', 'another size: read again');
  });

  it('does not read a file over the size cap, and reports a missing one as unreadable', async () => {
    const file = path.join(dir, 'big.json');
    fs.writeFileSync(file, 'x'.repeat(101));
    assert.deepEqual(await readDiskFile(file, 100), { kind: 'too-large' });
    assert.deepEqual(await readDiskFile(path.join(dir, 'gone.tf'), 100), { kind: 'unreadable' });
    assert.deepEqual(await readDiskFile(dir, 100), { kind: 'unreadable' }, 'a folder is no file');
  });

  it('reads ahead of the consumer, never more than the limit at once, and answers in order', async () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    let inFlight = 0;
    let most = 0;
    const next = readAhead(items, 4, async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return item * 10;
    });
    const results: number[] = [];
    for (let i = 0; i < items.length; i++) results.push(await next(i));
    assert.deepEqual(
      results,
      items.map((i) => i * 10),
    );
    assert.ok(most <= 4 && most > 1, `reads overlap within the limit (at most ${most} at once)`);
  });
});

describe('workspace check: time slices', () => {
  it('yields only once its budget is spent, then starts a new slice', async () => {
    let now = 0;
    const slice = new TimeSlice(15, () => now);
    now = 14;
    assert.equal(await slice.yieldIfDue(), false);
    now = 15;
    assert.equal(await slice.yieldIfDue(), true);
    now = 29;
    assert.equal(await slice.yieldIfDue(), false, 'a new slice started at 15');
  });

  it('lets a timer due meanwhile run when it yields', async () => {
    const slice = new TimeSlice(5);
    let fired = false;
    setTimeout(() => (fired = true), 0);
    const until = performance.now() + 8;
    while (performance.now() < until) {
      /* a slice of work */
    }
    assert.equal(await slice.yieldIfDue(), true);
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(fired, 'the timer ran while the work yielded');
  });
});
