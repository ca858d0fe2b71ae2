import * as assert from 'node:assert/strict';
import { runInProcess } from './run-in-process';

describe('tagsight account --format markdown|html', function () {
  this.timeout(60_000);

  it('markdown carries the blind spots, as the HTML report does', async () => {
    const markdown = await runInProcess(['account', '--demo', '--format', 'markdown']);
    assert.equal(markdown.code, 1, markdown.stderr);
    assert.match(markdown.stdout, /\n## Blind spots\n\n1 blind spot/);
    assert.match(markdown.stdout, /\n\| rnd-transcribe-test \| ap-northeast-2 \| us-east-1 \|/);
    assert.match(markdown.stdout, /\n### Regions without a Config recorder\n\nNo Config recorder, so nothing is watched, in \d+ regions?: .*us-east-1/);
    const html = await runInProcess(['account', '--demo', '--format', 'html']);
    assert.equal(html.code, 1, html.stderr);
    assert.match(html.stdout, /<h2 id="blind-spots-heading">Blind spots<\/h2>[\s\S]*rnd-transcribe-test/);
  });
});
