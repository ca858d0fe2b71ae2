import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await main(['node', 'tagsight', ...args], { stdout: stdout as unknown as typeof process.stdout, stderr: stderr as unknown as typeof process.stderr });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

describe('tagsight blindspots', function () {
  this.timeout(60_000);

  it('--demo --format json lists rnd-transcribe-test created through us-east-1, missing Service', async () => {
    const { code, stdout } = await run(['blindspots', '--demo', '--format', 'json']);
    assert.equal(code, 1, 'a blind spot is a finding');
    const output = JSON.parse(stdout) as { blindSpots: Array<{ bucket: string; region: string; createdThrough: string; eventTime: string; missing: string[]; evidence: { userAgent: string } }> };
    const spot = output.blindSpots.find((b) => b.bucket === 'rnd-transcribe-test');
    assert.ok(spot, stdout);
    assert.equal(spot.region, 'ap-northeast-2');
    assert.equal(spot.createdThrough, 'us-east-1');
    assert.deepEqual(spot.missing, ['Service']);
    assert.ok(!Number.isNaN(Date.parse(spot.eventTime)));
    assert.match(spot.evidence.userAgent, /Cyberduck/);
    assert.equal(output.blindSpots.length, 1, 'buckets Config knows are not blind spots');
  });

  it('--demo text and markdown name the bucket and the unwatched region', async () => {
    const text = await run(['blindspots', '--demo']);
    assert.match(text.stdout, /rnd-transcribe-test\s+\(ap-northeast-2, unseen for/);
    assert.match(text.stdout, /No Config recorder in us-east-1: nothing there is watched, including 1 bucket/);
    const markdown = await run(['blindspots', '--demo', '--format', 'markdown']);
    assert.match(markdown.stdout, /\| rnd-transcribe-test \| ap-northeast-2 \| us-east-1 \|/);
  });

  it('refuses bad flags with exit code 2', async () => {
    assert.equal((await run(['blindspots', '--demo', '--format', 'xml'])).code, 2);
    const lookback = await run(['blindspots', '--demo', '--lookback-days', '91']);
    assert.equal(lookback.code, 2);
    assert.match(lookback.stderr, /--lookback-days/);
    assert.equal((await run(['blindspots', '--demo', '--regions', 'mars-1'])).code, 2);
  });
});
