import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { terminalWidth } from '../../../src/cli/io';
import { runInProcess } from './run-in-process';

describe('tagsight account --format markdown|html', function () {
  this.timeout(60_000);

  it('markdown carries the blind spots, as the HTML report does', async () => {
    const markdown = await runInProcess(['account', '--demo', '--format', 'markdown']);
    assert.equal(markdown.code, 1, markdown.stderr);
    assert.match(markdown.stdout, /\n## Blind spots\n\n1 blind spot/);
    assert.match(markdown.stdout, /\n\| rnd-transcribe-test \| ap-northeast-2 \| us-east-1 \|/);
    assert.match(
      markdown.stdout,
      /\n### Regions without a Config recorder\n\nNo Config recorder, so nothing is watched, in \d+ regions?: .*us-east-1/,
    );
    const html = await runInProcess(['account', '--demo', '--format', 'html']);
    assert.equal(html.code, 1, html.stderr);
    assert.match(html.stdout, /<h2 id="blind-spots-heading">Blind spots<\/h2>[\s\S]*rnd-transcribe-test/);
  });

  it('text says "demo account", leads with what to act on, folds quiet regions and fits the terminal', async () => {
    const text = await runInProcess(['account', '--demo']);
    assert.equal(text.code, 1, text.stderr);
    assert.match(text.stdout, /^Demo account 123456789012/);
    assert.doesNotMatch(text.stdout, /default credentials/);
    assert.match(text.stdout, /\n {2}\[ok\] ap-northeast-2 +Asia Pacific \(Seoul\) +recorded, 1 non-compliant, 1 blind spot\n/);
    assert.match(text.stdout, /\n {2}\[!!\] us-east-1 +US East \(N\. Virginia\) +not recorded, 1 bucket not watched\n/);
    assert.match(text.stdout, /\n {2}\[!!\] \d+ regions: no recorder, nothing found\n/);
    assert.match(text.stdout, /\n {2}ap-northeast-2 {2}rnd-transcribe-test, unseen for/);
    const width = terminalWidth(new PassThrough());
    for (const line of text.stdout.split('\n')) assert.ok(line.length <= width, `wider than ${width}: ${line}`);
    const unused = await runInProcess(['account', '--demo', '--unused-regions', 'eu-west-3,sa-east-1']);
    assert.match(unused.stdout, /\d+ not recorded, 2 marked unused/);
    assert.match(unused.stdout, /\[--\] 2 regions marked unused: nothing found\n {7}eu-west-3, sa-east-1\n/);
    const wrong = await runInProcess(['account', '--demo', '--unused-regions', 'mars-1']);
    assert.equal(wrong.code, 2);
  });
});
