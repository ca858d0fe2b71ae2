import assert from 'node:assert/strict';
import { coverageMapInput } from '../../../../src/report/coverage-map-model';
import { coverageMapCsp, createNonce, renderCoverageMapPage } from '../../../../src/vscode/coverage-map/coverage-map-page';
import { INCIDENT_BLIND_SPOTS, INCIDENT_SCAN } from '../../report/html-report.fixture';

/** The exact HTML the webview panel sets (src/vscode/coverage-map/coverage-map.ts renders it through this function). */
const CSP_SOURCE = 'https://*.vscode-cdn.net';
const BASE = 'https://file%2B.vscode-resource.vscode-cdn.net/ext/media/map';

function page(nonce = 'abc123XYZ') {
  return renderCoverageMapPage({
    cspSource: CSP_SOURCE,
    nonce,
    styleUri: `${BASE}/map.css`,
    scriptUri: `${BASE}/map.js`,
    map: coverageMapInput(INCIDENT_SCAN, INCIDENT_BLIND_SPOTS),
    caption: 'Account 123456789012',
  });
}

describe('coverage map webview page', () => {
  it('sets the strict CSP first: nothing by default, styles and images from the webview, scripts by nonce only', () => {
    const html = page();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    assert.equal(csp, coverageMapCsp(CSP_SOURCE, 'abc123XYZ'));
    assert.equal(
      csp,
      "default-src 'none'; img-src https://*.vscode-cdn.net data:; style-src https://*.vscode-cdn.net 'nonce-abc123XYZ'; script-src 'nonce-abc123XYZ'; base-uri 'none'; form-action 'none'",
    );
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'), 'the policy precedes what it governs');
  });

  it('loads only its own stylesheet and script, and every script carries the nonce', () => {
    const html = page();
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    assert.deepEqual(urls, [`${BASE}/map.css`, `${BASE}/map.js`]);
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]![1]!, /nonce="abc123XYZ"/);
    assert.equal(scripts[0]![2], '', 'no inline code');
    assert.doesNotMatch(html, /\sstyle="|\son[a-z]+="|<iframe|<img|<object|<embed/);
  });

  it('offers the same facts as a table, with a button per region to reveal it', () => {
    const html = page();
    for (const region of INCIDENT_SCAN.regions) {
      assert.match(html, new RegExp(`<button type="button" class="region-link" data-region="${region.region}"`));
    }
    assert.match(html, /<th scope="col">Findings<\/th>/);
    assert.match(html, /rnd-transcribe-test<\/code>: CreateBucket sent to the us-east-1 endpoint, bucket in ap-northeast-2/);
  });

  it('says what to do before the first scan', () => {
    const html = renderCoverageMapPage({ cspSource: CSP_SOURCE, nonce: 'n', styleUri: `${BASE}/map.css`, scriptUri: `${BASE}/map.js` });
    assert.match(html, /No scan yet/);
    assert.doesNotMatch(html, /<svg/);
  });

  it('makes a fresh, unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9]{20,}$/);
  });
});
