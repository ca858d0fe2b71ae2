import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { renderHtmlReport, reportCsp } from '../../../src/report/html-report';
import { coverageMapInput } from '../../../src/report/coverage-map-model';
import { INCIDENT_BLIND_SPOTS, INCIDENT_SCAN } from './html-report.fixture';

const html = renderHtmlReport({
  scan: INCIDENT_SCAN,
  blindSpots: INCIDENT_BLIND_SPOTS,
  generator: 'Tagsight 0.1.0',
  generatedAt: '2026-11-27T10:01:00.000Z',
  timeZone: 'UTC',
});

describe('renderHtmlReport', () => {
  it('carries a strict CSP whose style hash matches the one inline stylesheet', () => {
    const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
    assert.ok(meta, 'CSP meta tag present');
    const policy = meta[1]!.replace(/&#39;/g, "'");
    assert.match(policy, /(^|; )default-src 'none'(;|$)/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|https?:|\*/);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    assert.equal(styles.length, 1);
    const hash = createHash('sha256').update(styles[0]!, 'utf8').digest('base64');
    assert.ok(policy.includes(`'sha256-${hash}'`), 'the stylesheet is allowed by its hash');
    assert.equal(policy, reportCsp());
    // The CSP must come before anything it governs.
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style>'));
  });

  it('is self-contained: no scripts, no links, no URL in any src or href, no style attributes', () => {
    assert.doesNotMatch(html, /<script|<link|<iframe|<object|<embed|<img/i);
    const urlAttributes = [...html.matchAll(/\s(src|href|xlink:href|action|poster|srcset)="([^"]*)"/gi)];
    assert.deepEqual(
      urlAttributes.filter(([, , value]) => /^(https?:)?\/\//i.test(value!)),
      [],
    );
    assert.deepEqual(
      urlAttributes.map(([, name]) => name).filter((name) => name !== 'xmlns'),
      [],
    );
    assert.doesNotMatch(html, /\sstyle="/, 'style attributes would be blocked by the CSP');
    assert.doesNotMatch(html, /url\((?!#)/, 'no url() but references within the document');
    assert.doesNotMatch(html, /@import/);
  });

  it('holds the account, the scan times, the map, the region table, the findings and the blind spots', () => {
    assert.match(html, /123456789012/);
    // Times for people, relative plus local, with the exact instant kept in the markup.
    assert.match(html, /<dt>Scan finished<\/dt><dd>just now, 10:00<\/dd>/);
    assert.match(html, /<time datetime="2026-11-26T08:00:00\.000Z" title="2026-11-26T08:00:00\.000Z">26 h ago, 26 Nov 08:00<\/time>/);
    assert.match(html, /<time datetime="2026-11-27T06:00:00\.000Z"[^>]*>4 h ago, 06:00<\/time>, through the us-east-1 endpoint/);
    assert.match(html, /<svg [^>]*class="tsm-map"/);
    assert.match(html, /data-from="us-east-1" data-to="ap-northeast-2" data-bucket="rnd-transcribe-test"/);
    for (const region of INCIDENT_SCAN.regions) assert.match(html, new RegExp(`<code>${region.region}</code>`));
    // The verdict's explanation once, in the legend under the table, not on every row.
    const coverage = html.slice(html.indexOf('id="regions-heading"'));
    assert.equal(coverage.split('invisible to Config').length - 1, 1);
    assert.match(html, /<dt>not recorded<\/dt><dd>a call sent to this region&#39;s endpoint is invisible to Config/);
    assert.ok(
      html.indexOf('id="blind-spots-heading"') < html.indexOf('id="findings-heading"'),
      'blind spots, then non-compliant resources',
    );
    assert.ok(html.indexOf('id="findings-heading"') < html.indexOf('class="tsm-map"'), 'what to act on before the map and the coverage');
    assert.ok(html.indexOf('class="tsm-map"') < html.indexOf('id="regions-heading"'));
    assert.match(html, /<td><code>rnd-transcribe-test<\/code><\/td><td><code>ap-northeast-2<\/code><\/td><td>4 h/);
    assert.match(html, /through the us-east-1 endpoint \(cross-region\)/);
    assert.match(html, /legacy-&lt;logs&gt;/, 'names are escaped');
    assert.match(html, /No Config recorder, so nothing is watched, in 1 region: us-east-1\./);
  });

  it('counts blind spots and non-compliant resources per region on the map', () => {
    const input = coverageMapInput(INCIDENT_SCAN, INCIDENT_BLIND_SPOTS);
    const byRegion = Object.fromEntries(input.regions.map((region) => [region.region, region]));
    assert.equal(byRegion['ap-northeast-2']!.findings, 1);
    assert.equal(byRegion['eu-west-1']!.findings, 1);
    assert.equal(byRegion['us-east-1']!.findings, 0);
    assert.equal(byRegion['us-east-1']!.verdictKind, 'not-covered');
    assert.equal(byRegion['ap-northeast-2']!.verdictKind, 'covered');
    assert.deepEqual(
      input.arrows.map((arrow) => [arrow.from, arrow.to, arrow.bucket]),
      [['us-east-1', 'ap-northeast-2', 'rnd-transcribe-test']],
    );
    assert.match(input.arrows[0]!.evidence, /arn:aws:iam::123456789012:user\/dev/);
    assert.match(input.arrows[0]!.evidence, /has not discovered it yet/);
  });

  it('is deterministic', () => {
    const again = renderHtmlReport({
      scan: INCIDENT_SCAN,
      blindSpots: INCIDENT_BLIND_SPOTS,
      generator: 'Tagsight 0.1.0',
      generatedAt: '2026-11-27T10:01:00.000Z',
      timeZone: 'UTC',
    });
    assert.equal(again, html);
  });

  it('says when results come from an emulator and when blind spots were not checked', () => {
    const out = renderHtmlReport({
      scan: { ...INCIDENT_SCAN, endpoint: 'http://127.0.0.1:4566' },
      generator: 'Tagsight',
      generatedAt: 'now',
    });
    assert.match(out, /not from AWS/);
    assert.match(out, /Not checked in this scan/);
  });
});
