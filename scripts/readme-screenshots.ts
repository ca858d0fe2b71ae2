/**
 * The README's images (and the walkthrough's) are screenshots the integration suites take of the real workbench,
 * never drawn by hand: after a run, `npm run screenshots` copies these from test-results/ to media/screenshots/.
 * test/unit/build/readme-screenshots.test.ts checks that the README shows only these, that each exists, and that
 * a suite still takes it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Screenshot name (test-results/<name>.png) → what it shows (the README's alt text). */
export const README_SCREENSHOTS: Readonly<Record<string, string>> = {
  // The newcomer's tour (test/integration/suites/tour.test.ts), step by step.
  'tour-1-coverage':
    'The Coverage and Findings views and the status bar for the demo account: what needs action first, quiet regions folded',
  'tour-3-hover': 'A missing-tags diagnostic in Terraform, with its explanation on hover',
  'tour-4-map': 'The coverage map: recorded and unrecorded regions, the cross-region CreateBucket, and what to act on per region',
  'tour-5-value': 'Add Missing Tags: the allowed values to choose from, with nothing chosen',
  'region-incident-hover': 'A region-mismatch warning on a CreateBucket call, with its hover',
};

export const SCREENSHOTS_FOLDER = path.join('media', 'screenshots');

function main(): void {
  const root = path.resolve(__dirname, '..');
  fs.mkdirSync(path.join(root, SCREENSHOTS_FOLDER), { recursive: true });
  const missing: string[] = [];
  for (const name of Object.keys(README_SCREENSHOTS)) {
    const source = path.join(root, 'test-results', `${name}.png`);
    if (!fs.existsSync(source)) {
      missing.push(name);
      continue;
    }
    fs.copyFileSync(source, path.join(root, SCREENSHOTS_FOLDER, `${name}.png`));
    console.log(`copied ${name}.png`);
  }
  if (missing.length) {
    console.error(
      `No screenshot in test-results/ for ${missing.join(', ')}: run their integration suites first (npm run test:integration).`,
    );
    process.exitCode = 1;
  }
}

if (require.main === module) main();
