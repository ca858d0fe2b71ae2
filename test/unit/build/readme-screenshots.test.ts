/**
 * The README's images are the integration suites' screenshots (scripts/readme-screenshots.ts copies them): each
 * image is one of those, the file ships in media/screenshots/, and a suite still takes a screenshot of that name.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { README_SCREENSHOTS, SCREENSHOTS_FOLDER } from '../../../scripts/readme-screenshots';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const SUITES = path.join(REPO_ROOT, 'test', 'integration', 'suites');

describe('README screenshots', () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map((match) => ({ alt: match[1]!, file: match[2]! }));

  it('shows only screenshots the integration suites take, with their descriptions', () => {
    assert.ok(images.length > 0, 'the README shows the product');
    for (const image of images) {
      const name = path.basename(image.file, '.png');
      assert.equal(image.file, `${SCREENSHOTS_FOLDER.split(path.sep).join('/')}/${name}.png`, `${image.file} is a copied test screenshot`);
      assert.equal(image.alt, README_SCREENSHOTS[name], `${image.file} has the alt text scripts/readme-screenshots.ts gives it`);
    }
  });

  it('has every listed screenshot in media/screenshots/, and a suite that takes it', () => {
    const suiteText = fs
      .readdirSync(SUITES)
      .map((file) => fs.readFileSync(path.join(SUITES, file), 'utf8'))
      .join('\n');
    for (const name of Object.keys(README_SCREENSHOTS)) {
      assert.ok(fs.existsSync(path.join(REPO_ROOT, SCREENSHOTS_FOLDER, `${name}.png`)), `${name}.png was copied`);
      assert.ok(suiteText.includes(`screenshot('${name}'`), `a suite takes the screenshot ${name}`);
    }
  });
});
