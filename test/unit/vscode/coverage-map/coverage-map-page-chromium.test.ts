import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { coverageMapInput } from '../../../../src/report/coverage-map-model';
import type { MapRegion } from '../../../../src/report/coverage-map';
import { BUILT_IN_REGIONS, regionDisplayName } from '../../../../src/core/regions';
import { createNonce, renderCoverageMapPage } from '../../../../src/vscode/coverage-map/coverage-map-page';
import { withOfflinePage } from '../../helpers/headless-chromium';
import { INCIDENT_BLIND_SPOTS, INCIDENT_SCAN } from '../../report/html-report.fixture';

/**
 * The webview page with its real media/map/map.js and map.css, in headless Chromium under the same CSP shape
 * the panel sets (the webview origin played by file:): the nonce'd script runs, and selecting a region on the
 * map or in the table posts `revealRegion` to the extension. `acquireVsCodeApi` is VS Code's; a stand-in records
 * the messages. The integration suite checks the panel itself in the workbench.
 */
const MEDIA = path.resolve(__dirname, '../../../../media/map');

describe('coverage map webview page in headless Chromium', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tagsight-map-page-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs only its nonce'd script and posts revealRegion when a region is clicked or chosen by keyboard", async () => {
    const html = renderCoverageMapPage({
      cspSource: 'file:',
      nonce: createNonce(),
      styleUri: pathToFileURL(path.join(MEDIA, 'map.css')).href,
      scriptUri: pathToFileURL(path.join(MEDIA, 'map.js')).href,
      map: coverageMapInput(INCIDENT_SCAN, INCIDENT_BLIND_SPOTS),
    });
    const file = path.join(dir, 'page.html');
    writeFileSync(file, html);

    const options = {
      viewport: { width: 1000, height: 800 },
      allow: (url: string) => url.startsWith('file://'),
      args: ['--allow-file-access-from-files'],
    };
    await withOfflinePage(options, async ({ page, blocked, cspViolations }) => {
      // VS Code defines acquireVsCodeApi in the webview; this stand-in records what the page posts.
      // A string, not a function: tsx would wrap a function with helpers the page does not have.
      await page.addInitScript(
        'window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (message) => window.__posted.push(message) });',
      );
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const posted = () => page.evaluate('window.__posted');

      assert.deepEqual(await posted(), [{ type: 'ready' }], 'the script ran under the CSP');
      await page.click('g.tsm-region[data-region="ap-northeast-2"]');
      // us-east-2's count is drawn over us-east-1's marker: labels and counts must let the click through.
      await page.click('g.tsm-region[data-region="us-east-1"] > :is(circle, rect, path, polygon)', { timeout: 5_000 });
      await page.focus('g.tsm-region[data-region="us-east-1"]');
      await page.keyboard.press('Enter');
      await page.click('button.region-link[data-region="eu-west-1"]');
      assert.deepEqual(await posted(), [
        { type: 'ready' },
        { type: 'revealRegion', region: 'ap-northeast-2' },
        { type: 'revealRegion', region: 'us-east-1' },
        { type: 'revealRegion', region: 'us-east-1' },
        { type: 'revealRegion', region: 'eu-west-1' },
      ]);
      assert.deepEqual(blocked, [], 'nothing but the page and its media was requested');
      assert.deepEqual(cspViolations, []);
    });
  });

  it('lets a click on any marker through the names and counts drawn over it, whatever order the regions come in', async () => {
    // Every region AWS has, each with a count: the clusters (Ohio and Virginia; Seoul, Osaka and Tokyo) are all there.
    const every: MapRegion[] = BUILT_IN_REGIONS.map(({ code }) => ({
      region: code,
      label: regionDisplayName(code),
      verdictKind: 'not-covered',
      verdictText: 'not recorded',
      findings: 10,
    }));
    const input = { regions: every, arrows: [] };
    // Later elements paint on top: in one of the two orders, us-east-2's count lies over us-east-1's marker.
    for (const regions of [every, [...every].reverse()]) {
      const file = path.join(dir, 'order.html');
      writeFileSync(
        file,
        renderCoverageMapPage({
          cspSource: 'file:',
          nonce: createNonce(),
          styleUri: pathToFileURL(path.join(MEDIA, 'map.css')).href,
          scriptUri: pathToFileURL(path.join(MEDIA, 'map.js')).href,
          map: { ...input, regions },
        }),
      );
      const options = {
        viewport: { width: 1000, height: 800 },
        allow: (url: string) => url.startsWith('file://'),
        args: ['--allow-file-access-from-files'],
      };
      await withOfflinePage(options, async ({ page }) => {
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        const hits = (await page.evaluate(`[...document.querySelectorAll('g.tsm-region > .tsm-marker')].map((marker) => {
          const box = marker.getBoundingClientRect();
          const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
          return { region: marker.parentElement.dataset.region, hit: hit?.closest('[data-region]')?.dataset.region, text: hit?.tagName === 'text' ? hit.textContent : undefined };
        })`)) as { region: string; hit?: string; text?: string }[];
        assert.ok(hits.length >= 20, `markers found: ${hits.length}`);
        // A marker may hide under a neighbour's marker (Osaka and Seoul), never under a name or a count.
        assert.deepEqual(
          hits.filter((h) => h.text !== undefined),
          [],
          'no name or count catches a click meant for a marker',
        );
        assert.equal(hits.find((h) => h.region === 'us-east-1')?.hit, 'us-east-1', 'us-east-1 answers its own click');
      });
    }
  });
});
