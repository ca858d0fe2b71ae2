import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PassThrough } from 'node:stream';
import { main } from '../../../src/cli/main';
import { withOfflinePage } from '../helpers/headless-chromium';

/**
 * `tagsight account --demo --format html` (a real scan of the emulator's incident account, blind spots included),
 * opened in headless Chromium with every request but the file itself aborted: the page must attempt none, apply
 * its own stylesheet under its CSP, and show the arrow us-east-1 → ap-northeast-2.
 * Screenshot: test-results/html-report-incident.png.
 */
const RESULTS = path.resolve(__dirname, '../../../test-results');

describe('HTML report in headless Chromium', function () {
  this.timeout(90_000);

  it('loads nothing from outside, honours its CSP and shows the incident', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let html = '';
    let errors = '';
    stdout.on('data', (chunk: Buffer) => {
      html += chunk.toString('utf8');
    });
    stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString('utf8');
    });
    const code = await main(['node', 'tagsight', 'account', '--demo', '--format', 'html'], { stdout, stderr });
    assert.equal(code, 1, `findings exist in the incident account (stderr: ${errors})`);
    assert.match(html, /^<!DOCTYPE html>/);
    mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, 'html-report-incident.html');
    writeFileSync(file, html);
    const fileUrl = pathToFileURL(file).href;

    await withOfflinePage(
      { viewport: { width: 1100, height: 900 }, allow: (url) => url === fileUrl },
      async ({ page, blocked, cspViolations }) => {
        await page.goto(fileUrl, { waitUntil: 'load' });

        assert.deepEqual(blocked, [], 'the report tried to load something besides itself');
        assert.deepEqual(cspViolations, [], 'the report broke its own CSP');
        // The hashed stylesheet applied: the table cells got their border (unstyled tables have none).
        // Runs in the page; the test compiles without the DOM library, hence the cast.
        const border = await page.$eval(
          'th',
          (cell) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { borderTopStyle: string } }).getComputedStyle(cell).borderTopStyle,
        );
        assert.equal(border, 'solid', 'the inline stylesheet is allowed by its hash');
        const arrow = await page.$('g.tsm-arrow[data-from="us-east-1"][data-to="ap-northeast-2"][data-bucket="rnd-transcribe-test"]');
        assert.ok(arrow, 'the arrow us-east-1 → ap-northeast-2 is in the page');
        assert.ok(await arrow.isVisible());
        assert.match(await page.title(), /Tagsight coverage report: account \d{12}/);

        await page.screenshot({ path: path.join(RESULTS, 'html-report-incident.png'), fullPage: true });
      },
    );
  });
});
