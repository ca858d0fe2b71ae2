import { createHash } from 'node:crypto';
import type { AccountScan, NonCompliantResource, RegionScan } from '../core/account-model';
import { formatDuration, unwatchedRegionsSentence, type BlindSpot, type BlindSpotReport } from '../core/blind-spot';
import { regionDisplayName } from '../core/regions';
import { plural } from '../core/wording';
import { groupRegionsByRelevance, relevanceOfBlindSpots } from '../core/region-relevance';
import { formatWhen, type WhenOptions } from '../core/when';
import { countScan, foundText, verdictLegend } from './account-summary';
import { renderCoverageMap } from './coverage-map';
import { escapeXml as esc } from '../core/xml-escape';
import { coverageMapInput } from './coverage-map-model';
import { renderHtmlDocument } from './html-document';

/**
 * One self-contained HTML file of an account scan, to attach to a ticket or drop in a chat: the coverage map
 * inline, the per-region table, the non-compliant resources and the blind spots, the account and the time.
 *
 * Self-contained means it loads nothing: no scripts, fonts, images or links to fetch. A CSP meta tag enforces
 * it (`default-src 'none'`, the one inline stylesheet allowed by its hash), so even a tampered copy cannot
 * phone home when opened.
 */
export interface HtmlReportInput {
  readonly scan: AccountScan;
  readonly blindSpots?: BlindSpotReport;
  /** "Tagsight 0.1.0". */
  readonly generator: string;
  /** When the report was written (ISO 8601); the scan's own times are shown too. */
  readonly generatedAt: string;
  /** IANA zone of the clock times shown; the generating machine's own zone when absent. */
  readonly timeZone?: string;
}

/** A time for people ("3 h ago, 20:12"), with the exact instant kept in the markup for machines and tooltips. */
function timeHtml(iso: string, when: WhenOptions): string {
  return `<time datetime="${esc(iso)}" title="${esc(iso)}">${esc(formatWhen(iso, when))}</time>`;
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f1f1f; --muted: #5c5c5c; --bg: #ffffff; --line: #d0d0d0; --head: #f3f3f3; --problem: #b3261e; --warn: #8a5a00; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e6e6; --muted: #a8a8a8; --bg: #1e1e1e; --line: #3c3c3c; --head: #2a2a2a; --problem: #ff8a80; --warn: #ffcc80; }
  .tsm-land { fill: #3a3a3a; stroke: #555555; }
  .tsm-count, .tsm-region-label, .tsm-legend-text, .tsm-strip-label { fill: #e6e6e6; }
  .tsm-halo { stroke: #1e1e1e; }
}
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 1000px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
figure { margin: 1rem 0; }
figure svg { width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .9em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .92em; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: var(--head); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .95em; }
td code { white-space: nowrap; }
.problem { color: var(--problem); font-weight: 600; }
.warning { color: var(--warn); }
.muted { color: var(--muted); }
.note { border-left: 4px solid var(--warn); padding: .3rem .7rem; background: var(--head); }
footer { margin-top: 3rem; color: var(--muted); font-size: .85em; }
`;

/** The Content-Security-Policy the report carries: nothing may load, only its own stylesheet applies. */
export function reportCsp(style = STYLE): string {
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

export function renderHtmlReport(input: HtmlReportInput): string {
  const { scan, blindSpots } = input;
  const account = scan.identity?.accountId ?? 'unknown account';
  const map = renderCoverageMap(coverageMapInput(scan, blindSpots), { idPrefix: 'report-map-' });
  const nonCompliant = scan.regions.flatMap((region) => region.nonCompliant);
  const when: WhenOptions = { now: new Date(input.generatedAt), timeZone: input.timeZone };
  return renderHtmlDocument({
    csp: reportCsp(),
    title: `Tagsight coverage report: account ${account}, ${scan.finishedAt}`,
    head: [
      '<meta name="referrer" content="no-referrer">',
      `<meta name="generator" content="${esc(input.generator)}">`,
      `<style>${STYLE}</style>`,
    ],
    body: [
      '<header>',
      '<h1>Tagsight coverage report</h1>',
      renderFacts(input),
      scan.endpoint ? `<p class="note">These results come from <code>${esc(scan.endpoint)}</code>, not from AWS.</p>` : '',
      scan.error ? `<p class="note problem">The scan stopped: ${esc(scan.error.message)}</p>` : '',
      scan.cancelled ? '<p class="note">The scan was cancelled: some regions were not read.</p>' : '',
      ...(scan.accountErrors ?? []).map((error) => `<p class="note">${esc(error.message)}</p>`),
      `<p>${esc(summarise(scan, blindSpots))}</p>`,
      '</header>',
      '<main>',
      // What to act on first, then where Config looks.
      renderBlindSpots(blindSpots, when),
      renderNonCompliant(nonCompliant, when),
      '<figure>',
      map,
      "<figcaption>Each marker is a region at its city; its shape and colour give the coverage verdict, the number beside it the findings there. A dashed arrow is a CreateBucket sent to one region's endpoint for a bucket that lives in another.</figcaption>",
      '</figure>',
      renderRegions(scan, blindSpots),
      '</main>',
      `<footer>Generated by ${esc(input.generator)} at ${esc(input.generatedAt)}. This file is self-contained: it loads nothing from anywhere.</footer>`,
    ],
  });
}

function renderFacts(input: HtmlReportInput): string {
  const { scan } = input;
  const rows: Array<[string, string]> = [
    ['Account', scan.identity?.accountId ?? 'unknown'],
    ...(scan.identity?.arn ? [['Scanned as', scan.identity.arn] as [string, string]] : []),
    ...(scan.profile ? [['Profile', scan.profile] as [string, string]] : []),
    ['Scan finished', formatWhen(scan.finishedAt, { now: new Date(input.generatedAt), timeZone: input.timeZone })],
    ['Regions', `${scan.regions.length} (${regionSourceText(scan)})`],
  ];
  if (input.blindSpots)
    rows.push([
      'Blind spots checked',
      formatWhen(input.blindSpots.generatedAt, { now: new Date(input.generatedAt), timeZone: input.timeZone }),
    ]);
  return `<dl class="facts">${rows.map(([term, value]) => `<dt>${esc(term)}</dt><dd>${esc(value)}</dd>`).join('')}</dl>`;
}

function regionSourceText(scan: AccountScan): string {
  const source = scan.regionSource;
  const text =
    source.kind === 'account-api'
      ? 'enabled regions from the Account API'
      : source.kind === 'selected'
        ? 'selected in settings'
        : 'built-in list';
  return source.reason ? `${text}: ${source.reason}` : text;
}

function summarise(scan: AccountScan, blindSpots: BlindSpotReport | undefined): string {
  const counts = countScan(scan, relevanceOfBlindSpots(blindSpots));
  const parts = [
    `${counts.problems} of ${plural(counts.regions, 'region')} where Config would not see a change`,
    plural(counts.nonCompliant, 'non-compliant resource'),
  ];
  if (blindSpots) parts.push(`${plural(blindSpots.blindSpots.length, 'blind spot')} (buckets Config has not seen)`);
  return `${parts.join(', ')}.`;
}

function levelClass(region: RegionScan): string {
  return region.verdict.level === 'problem' ? 'problem' : region.verdict.level === 'warning' ? 'warning' : '';
}

function renderRegions(scan: AccountScan, blindSpots: BlindSpotReport | undefined): string {
  // The Coverage view's order: what needs action first, quiet regions folded into one row each.
  const groups = groupRegionsByRelevance(scan, relevanceOfBlindSpots(blindSpots));
  const rows = groups.shown.map((entry) => {
    const region = entry.scan;
    const details = [...region.verdict.details, ...region.errors.map((error) => `${error.part}: ${error.message}`)];
    return [
      '<tr>',
      `<td><code>${esc(region.region)}</code><br><span class="muted">${esc(regionDisplayName(region.region))}</span></td>`,
      `<td class="${levelClass(region)}">${esc(region.verdict.headline)}</td>`,
      `<td>${esc(foundText(entry))}</td>`,
      `<td>${details.map((line) => esc(line)).join('<br>')}</td>`,
      '</tr>',
    ].join('');
  });
  for (const group of groups.quiet) {
    rows.push(
      [
        '<tr>',
        `<td>${group.regions.map((entry) => `<code>${esc(entry.scan.region)}</code>`).join(', ')}</td>`,
        `<td class="${group.level === 'problem' ? 'problem' : ''}">${esc(group.regions[0]!.scan.verdict.headline)}</td>`,
        '<td></td>',
        `<td>${esc(group.label)}</td>`,
        '</tr>',
      ].join(''),
    );
  }
  const legend = verdictLegend(scan);
  return [
    '<section aria-labelledby="regions-heading">',
    '<h2 id="regions-heading">Coverage by region</h2>',
    '<table>',
    '<thead><tr><th scope="col">Region</th><th scope="col">Coverage</th><th scope="col">Found</th><th scope="col">Details</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    legend.length
      ? `<dl class="facts legend">${legend.map((entry) => `<dt>${esc(entry.headline)}</dt><dd>${esc(entry.explanation)}.</dd>`).join('')}</dl>`
      : '',
    '</section>',
  ].join('\n');
}

function renderBlindSpots(report: BlindSpotReport | undefined, when: WhenOptions): string {
  if (!report) return '<section><h2>Blind spots</h2><p class="muted">Not checked in this scan.</p></section>';
  const rows = report.blindSpots.map((spot) => renderBlindSpot(spot, when));
  const parts = ['<section aria-labelledby="blind-spots-heading">', '<h2 id="blind-spots-heading">Blind spots</h2>'];
  if (rows.length === 0) parts.push('<p>No bucket found that Config has not seen.</p>');
  else {
    parts.push(
      '<table>',
      '<thead><tr><th scope="col">Bucket</th><th scope="col">Region</th><th scope="col">Unseen for</th><th scope="col">How it was created</th><th scope="col">Tags, judged now</th><th scope="col">What follows</th></tr></thead>',
      `<tbody>${rows.join('\n')}</tbody>`,
      '</table>',
    );
  }
  const unwatched = unwatchedRegionsSentence(report.unwatchedRegions);
  if (unwatched) parts.push(`<p class="problem">${esc(unwatched)}</p>`);
  if (report.unknown.length > 0) {
    parts.push(
      '<p>Not known (not fine):</p><ul>',
      ...report.unknown.map((item) => `<li><code>${esc(item.bucket)}</code> in ${esc(item.region)}: ${esc(item.reason)}</li>`),
      '</ul>',
    );
  }
  if (report.regionErrors.length > 0) {
    parts.push(
      '<p>Could not be read:</p><ul>',
      ...report.regionErrors.map((error) => `<li>${esc(error.region)} (${esc(error.service)}): ${esc(error.message)}</li>`),
      '</ul>',
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

function renderBlindSpot(spot: BlindSpot, when: WhenOptions): string {
  const event = spot.creation?.event;
  const creation = event
    ? `${esc(event.userArn ?? event.userName ?? 'unknown principal')}, ${timeHtml(event.eventTime, when)}, through the ${esc(event.endpointRegion)} endpoint${spot.creation?.crossRegion ? ` (cross-region)` : ''}${event.eventId ? `, CloudTrail event ${esc(event.eventId)}` : ''}`
    : 'no CloudTrail event in the look-back';
  const unseen =
    spot.unseenForMs !== undefined
      ? `${esc(formatDuration(spot.unseenForMs))}${spot.unseenSince ? ` (since ${timeHtml(spot.unseenSince, when)})` : ''}`
      : 'unknown';
  return [
    '<tr>',
    `<td><code>${esc(spot.bucket)}</code></td>`,
    `<td><code>${esc(spot.region)}</code></td>`,
    `<td>${unseen}</td>`,
    `<td class="${spot.creation?.crossRegion ? 'problem' : ''}">${creation}</td>`,
    `<td class="${spot.prediction.state === 'predicted-non-compliant' ? 'problem' : ''}">${esc(spot.prediction.summary)}</td>`,
    `<td>${esc(spot.whatFollows)}</td>`,
    '</tr>',
  ].join('');
}

function renderNonCompliant(resources: readonly NonCompliantResource[], when: WhenOptions): string {
  const parts = ['<section aria-labelledby="findings-heading">', '<h2 id="findings-heading">Non-compliant resources (AWS Config)</h2>'];
  if (resources.length === 0) {
    parts.push('<p>No REQUIRED_TAGS rule reports a non-compliant resource.</p>', '</section>');
    return parts.join('\n');
  }
  const sorted = [...resources].sort(
    (a, b) =>
      compareStrings(a.region, b.region) || compareStrings(a.resourceType, b.resourceType) || compareStrings(a.resourceId, b.resourceId),
  );
  parts.push(
    '<table>',
    '<thead><tr><th scope="col">Region</th><th scope="col">Resource</th><th scope="col">Type</th><th scope="col">Missing tags</th><th scope="col">Rule</th><th scope="col">Evaluated</th></tr></thead>',
    '<tbody>',
    ...sorted.map((resource) =>
      [
        '<tr>',
        `<td><code>${esc(resource.region)}</code></td>`,
        `<td><code>${esc(resource.resourceId)}</code></td>`,
        `<td>${esc(resource.resourceType)}</td>`,
        `<td>${esc(resource.missingKeys === 'unknown' ? 'not named by Config' : resource.missingKeys.join(', '))}</td>`,
        `<td>${esc(resource.ruleName)}</td>`,
        `<td>${resource.lastEvaluated ? timeHtml(resource.lastEvaluated, when) : ''}</td>`,
        '</tr>',
      ].join(''),
    ),
    '</tbody>',
    '</table>',
    '</section>',
  );
  return parts.join('\n');
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
