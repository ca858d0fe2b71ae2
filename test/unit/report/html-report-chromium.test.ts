import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { createScanPorts } from '../../../src/aws/account-scan-ports';
import { AwsClientFactory } from '../../../src/aws/clients';
import { scanBlindSpots } from '../../../src/aws/s3-blind-spot-scan';
import { scanAccount } from '../../../src/core/account-scanner';
import { blindSpotInputsFromScan } from '../../../src/core/blind-spot-rules';
import { systemClock } from '../../../src/core/clock';
import { startEmulator, type RunningEmulator } from '../../../src/emulator';
import { renderHtmlReport } from '../../../src/report/html-report';

/**
 * The report of a real scan of the emulator's incident account, opened in headless Chromium (Debian's, never a
 * downloaded one) with every request but the file itself aborted: the page must attempt none, apply its own
 * stylesheet under its CSP, and show the arrow us-east-1 → ap-northeast-2. Screenshot: test-results/.
 */
const RESULTS = path.resolve(__dirname, '../../../test-results');

describe('HTML report in headless Chromium', function () {
  this.timeout(90_000);
  let emulator: RunningEmulator;
  let browser: Browser | undefined;

  before(async () => {
    emulator = await startEmulator({ scenario: 'incident' });
  });

  after(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('loads nothing from outside, honours its CSP and shows the incident', async () => {
    const clients = new AwsClientFactory(
      { endpointUrl: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
      { version: 'test' },
    );
    let html: string;
    try {
      const scan = await scanAccount(await createScanPorts(clients), { concurrency: 8, clock: systemClock, endpoint: emulator.endpoint });
      assert.equal(scan.error, undefined);
      const blindSpots = await scanBlindSpots(clients, { ...blindSpotInputsFromScan(scan), now: systemClock.now() });
      html = renderHtmlReport({ scan, blindSpots, generator: 'Tagsight test', generatedAt: systemClock.now().toISOString() });
    } finally {
      clients.destroy();
    }
    mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, 'html-report-incident.html');
    writeFileSync(file, html);
    const fileUrl = pathToFileURL(file).href;

    browser = await chromium.launch({
      executablePath: process.env.TAGSIGHT_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
    const attempted: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === fileUrl) return route.continue();
      attempted.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(fileUrl, { waitUntil: 'load' });

    assert.deepEqual(attempted, [], 'the report tried to load something besides itself');
    assert.deepEqual(violations, [], 'the report broke its own CSP');
    // The hashed stylesheet applied: the table cells got their border (unstyled tables have none).
    // Runs in the page; the test compiles without the DOM library, hence the cast.
    const border = await page.$eval('th', (cell) => (globalThis as unknown as { getComputedStyle(e: unknown): { borderTopStyle: string } }).getComputedStyle(cell).borderTopStyle);
    assert.equal(border, 'solid', 'the inline stylesheet is allowed by its hash');
    const arrow = await page.$('g.tsm-arrow[data-from="us-east-1"][data-to="ap-northeast-2"][data-bucket="rnd-transcribe-test"]');
    assert.ok(arrow, 'the arrow us-east-1 → ap-northeast-2 is in the page');
    assert.ok(await arrow.isVisible());
    const title = await page.title();
    assert.match(title, /Tagsight coverage report: account \d{12}/);

    await page.screenshot({ path: path.join(RESULTS, 'html-report-incident.png'), fullPage: true });
  });
});
