/**
 * Renders media/tagsight.png (the 128x128 marketplace icon) from media/tagsight.svg with headless Chromium, so
 * the PNG never drifts from the activity-bar icon. Run after changing the SVG and commit the PNG:
 *   node --import tsx scripts/render-icon.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser } from '../test/integration/harness/browser';

const MEDIA = path.resolve(__dirname, '..', 'media');

async function main(): Promise<void> {
  const svg = fs.readFileSync(path.join(MEDIA, 'tagsight.svg'), 'utf8');
  const html = `<!doctype html><html><body style="margin:0;background:transparent">
    <div id="icon" style="width:128px;height:128px;border-radius:24px;background:linear-gradient(135deg,#1f6feb,#0b3d91);
      color:#fff;display:flex;align-items:center;justify-content:center">
      <div style="width:96px;height:96px">${svg.replace('<svg ', '<svg width="96" height="96" ')}</div>
    </div></body></html>`;
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    await page.setContent(html);
    await page.locator('#icon').screenshot({ path: path.join(MEDIA, 'tagsight.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${path.join(MEDIA, 'tagsight.png')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
