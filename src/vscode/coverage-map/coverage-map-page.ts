import { renderCoverageMap, type CoverageMapInput } from '../../report/coverage-map';
import { escapeXml as esc } from '../../core/xml-escape';
import { renderHtmlDocument } from '../../report/html-document';

/**
 * The HTML of the coverage map webview. Pure (no `vscode` import) so unit tests inspect exactly what the panel
 * sets. Nothing remote: the stylesheet and script come from the extension's media/map/ through the webview's
 * own origin, inline code runs only with the per-render nonce, and the SVG carries no style attributes.
 */
export interface CoverageMapPageInput {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  /** `webview.asWebviewUri(media/map/map.css)` as a string. */
  readonly styleUri: string;
  readonly scriptUri: string;
  /** Undefined before the first scan. */
  readonly map?: CoverageMapInput;
  /** "Account 123456789012, scanned 2026-11-27T10:00:04Z". */
  readonly caption?: string;
  /** Set when the results come from an emulator rather than AWS. */
  readonly endpointNote?: string;
}

export function coverageMapCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderCoverageMapPage(input: CoverageMapPageInput): string {
  const body = input.map
    ? renderBody(input.map, input)
    : '<p class="empty">No scan yet. Select an AWS profile or try the demo account, and the map fills in.</p>';
  return renderHtmlDocument({
    csp: coverageMapCsp(input.cspSource, input.nonce),
    title: 'Tagsight Coverage Map',
    head: [`<link rel="stylesheet" href="${esc(input.styleUri)}" nonce="${esc(input.nonce)}">`],
    body: [body, `<script nonce="${esc(input.nonce)}" src="${esc(input.scriptUri)}"></script>`],
  });
}

function renderBody(map: CoverageMapInput, input: CoverageMapPageInput): string {
  // The model's order: what needs action first (region-relevance.ts), as in the Coverage view.
  const rows = map.regions.map(
    (region) =>
      `<tr><th scope="row"><button type="button" class="region-link" data-region="${esc(region.region)}" title="Reveal ${esc(region.region)} in the Coverage view">${esc(region.region)}</button></th>` +
      `<td>${esc(region.label)}</td><td>${esc(region.verdictText)}</td><td>${esc(region.foundText || '')}</td></tr>`,
  );
  const arrows = map.arrows.map(
    (arrow) =>
      `<li><code>${esc(arrow.bucket)}</code>: CreateBucket sent to the ${esc(arrow.from)} endpoint, bucket in ${esc(arrow.to)}. ${esc(arrow.evidence)}</li>`,
  );
  return [
    '<main>',
    input.caption ? `<p class="caption">${esc(input.caption)}</p>` : '',
    input.endpointNote ? `<p class="note">${esc(input.endpointNote)}</p>` : '',
    `<div class="map" id="map">${renderCoverageMap(map)}</div>`,
    '<p class="hint">Select a region (click, or Tab then Enter) to reveal it in the Coverage view.</p>',
    '<h2 id="regions-heading">Regions</h2>',
    '<table aria-labelledby="regions-heading">',
    '<thead><tr><th scope="col">Region</th><th scope="col">Name</th><th scope="col">Coverage</th><th scope="col">Found</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    '<h2>Cross-region bucket creations</h2>',
    arrows.length ? `<ul class="arrows">${arrows.join('\n')}</ul>` : '<p>None found in the CloudTrail look-back.</p>',
    '</main>',
  ].join('\n');
}

/** 128 bits of randomness, fresh per render. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('hex');
}
