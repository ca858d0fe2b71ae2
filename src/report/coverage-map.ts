import { geoNaturalEarth1, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import landTopology from 'world-atlas/land-110m.json';
import { regionInfo } from '../core/regions';
import { plural } from '../core/wording';
import { escapeXml } from '../core/xml-escape';

/**
 * The coverage map as one SVG string: land from bundled Natural Earth data (nothing is fetched), a marker per
 * region at its city, shaped AND coloured by its coverage verdict so it reads without colour, the count of
 * findings beside each marker, and an arrow for each CreateBucket sent to one region's endpoint for a bucket
 * that lives in another. Pure and deterministic: the same input gives the same bytes (tests and report diffs
 * rely on it).
 *
 * Colours are presentation attributes, which hosts override with CSS classes (`tsm-*`): the webview maps them
 * to VS Code theme variables, the HTML report keeps them. No `style` attributes, so a strict CSP holds.
 */

interface LonLat {
  readonly lon: number;
  readonly lat: number;
}

export type MapVerdictKind = 'covered' | 'partial' | 'not-covered' | 'error' | 'unknown' | 'disabled';

export interface MapRegion {
  readonly region: string;
  /** Human name, for example "US East (N. Virginia)". */
  readonly label: string;
  readonly verdictKind: MapVerdictKind;
  /** One line saying why, for hover and the table: "Recorder on, S3 buckets recorded". */
  readonly verdictText: string;
  readonly findings: number;
  /** "1 non-compliant, 1 blind spot": what the number counts, in the words every surface uses. */
  readonly foundText?: string;
}

export interface MapArrow {
  /** The region whose endpoint received the CreateBucket call (the CloudTrail event's awsRegion). */
  readonly from: string;
  /** The bucket's region (the LocationConstraint). */
  readonly to: string;
  readonly bucket: string;
  /** Shown on hover: event time, caller, event id, and why it matters. */
  readonly evidence: string;
}

export interface CoverageMapInput {
  readonly regions: readonly MapRegion[];
  readonly arrows: readonly MapArrow[];
}

export interface CoverageMapOptions {
  /** Prefix for element ids, so two maps can share a document. */
  readonly idPrefix?: string;
  readonly width?: number;
}

export const VERDICT_KINDS: readonly MapVerdictKind[] = ['covered', 'partial', 'not-covered', 'error', 'unknown', 'disabled'];

/**
 * Legend words and default colours (Okabe-Ito, distinguishable with the common colour-vision deficiencies).
 * `term` is the verdict as the Coverage view and the status bar word it ("not recorded"); the legend adds what
 * it means for the map's reader.
 */
export const VERDICT_STYLE: Readonly<Record<MapVerdictKind, { term: string; legend: string; shape: string; colour: string }>> = {
  covered: { term: 'recorded', legend: 'Recorded: Config sees changes', shape: 'circle', colour: '#009E73' },
  partial: { term: 'partially recorded or daily', legend: 'Partially recorded, or daily', shape: 'diamond', colour: '#E69F00' },
  'not-covered': { term: 'not recorded', legend: 'Not recorded: Config does not see changes', shape: 'square', colour: '#D55E00' },
  error: { term: 'scan failed', legend: 'Scan failed: unknown', shape: 'triangle', colour: '#CC79A7' },
  unknown: { term: 'not scanned', legend: 'Not scanned', shape: 'ring', colour: '#8C8C8C' },
  disabled: { term: 'region disabled', legend: 'Region disabled', shape: 'cross', colour: '#8C8C8C' },
};

const MARKER_RADIUS = 6;
const MAP_TOP_LATITUDE = 78;
const MAP_BOTTOM_LATITUDE = -56;
const PAD = 8;
const LEGEND_HEIGHT = 76;
const STRIP_HEIGHT = 36;

interface Point {
  readonly x: number;
  readonly y: number;
}

export function renderCoverageMap(input: CoverageMapInput, options: CoverageMapOptions = {}): string {
  const id = (name: string) => `${options.idPrefix ?? 'tsm-'}${name}`;
  const width = options.width ?? 960;
  const geometry = mapGeometry(width);
  const regions = [...input.regions].sort((a, b) => compare(a.region, b.region));
  const arrows = [...input.arrows]
    .filter((arrow) => arrow.from !== arrow.to)
    .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.bucket, b.bucket));

  const placed = new Map<string, Point>();
  const unplaced: MapRegion[] = [];
  // A region without a city in src/core/regions.ts goes to the "not on the map" strip, never away.
  for (const region of regions) {
    const city = cityOf(region.region);
    const point = city && geometry.project(city);
    if (point) placed.set(region.region, point);
    else unplaced.push(region);
  }
  // Where several regions share a few pixels (Europe, North-East Asia), markers move apart and a thin line ties
  // each moved marker to its city, so every one can be seen and clicked.
  const cities = new Map(placed);
  spreadApart(placed, { width, height: geometry.mapHeight });
  const stripTop = geometry.mapHeight;
  unplaced.forEach((region, index) => placed.set(region.region, { x: PAD + 110 + index * 120, y: stripTop + STRIP_HEIGHT / 2 - 4 }));
  const height = geometry.mapHeight + (unplaced.length ? STRIP_HEIGHT : 0) + LEGEND_HEIGHT;

  const labelled = new Set([...arrows.flatMap((arrow) => [arrow.from, arrow.to]), ...unplaced.map((region) => region.region)]);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="tsm-map" viewBox="0 0 ${width} ${fmt(height)}" width="${width}" height="${fmt(height)}" role="img" aria-labelledby="${id('title')} ${id('desc')}" font-family="system-ui, sans-serif" font-size="11">`,
    `<title id="${id('title')}">AWS Config coverage by region</title>`,
    `<desc id="${id('desc')}">${escapeXml(describe(regions, arrows))}</desc>`,
    '<defs>',
    `<marker id="${id('arrowhead')}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto">`,
    '<path class="tsm-arrowhead" d="M0,0L10,5L0,10Z" fill="#B00020"/>',
    '</marker>',
    '</defs>',
    `<path class="tsm-land" d="${geometry.landPath}" fill="#D6D6D6" stroke="#B5B5B5" stroke-width="0.5"/>`,
  );

  parts.push('<g class="tsm-arrows">');
  const pairCounts = new Map<string, number>();
  for (const arrow of arrows) {
    const start = placed.get(arrow.from);
    const end = placed.get(arrow.to);
    if (!start || !end) continue;
    const pair = `${arrow.from}>${arrow.to}`;
    const nth = pairCounts.get(pair) ?? 0;
    pairCounts.set(pair, nth + 1);
    parts.push(renderArrow(arrow, start, end, nth, id('arrowhead')));
  }
  parts.push('</g>');

  parts.push('<g class="tsm-leaders" aria-hidden="true" pointer-events="none">');
  for (const region of regions) {
    const city = cities.get(region.region);
    const point = placed.get(region.region);
    if (city && point && Math.hypot(point.x - city.x, point.y - city.y) > 1) {
      parts.push(
        `<line class="tsm-leader" x1="${fmt(city.x)}" y1="${fmt(city.y)}" x2="${fmt(point.x)}" y2="${fmt(point.y)}" stroke="#6B6B6B" stroke-width="0.8"/><circle class="tsm-city" cx="${fmt(city.x)}" cy="${fmt(city.y)}" r="1.5" fill="#6B6B6B"/>`,
      );
    }
  }
  parts.push('</g>');

  parts.push('<g class="tsm-regions">');
  for (const region of regions) {
    const point = placed.get(region.region);
    if (point) parts.push(renderRegion(region, point));
  }
  parts.push('</g>');
  // Names on top of every marker: neighbours (Seoul, Osaka, Tokyo) would otherwise hide them.
  // Names and counts take no clicks: drawn over neighbouring markers (us-east-2's count covers much of
  // us-east-1's marker), they would otherwise catch a click meant for the marker beneath.
  parts.push('<g class="tsm-labels" aria-hidden="true" pointer-events="none">');
  for (const { region, at } of fitLabels(regions, placed, labelled)) parts.push(renderRegionLabel(region, at));
  parts.push('</g>');

  if (unplaced.length) {
    parts.push(`<text class="tsm-strip-label" x="${PAD}" y="${fmt(stripTop + STRIP_HEIGHT / 2)}" fill="#444444">Not on the map:</text>`);
  }
  parts.push(renderLegend(height - LEGEND_HEIGHT, id('arrowhead')));
  parts.push('</svg>');
  return parts.join('\n');
}

function renderRegion(region: MapRegion, at: Point): string {
  const style = VERDICT_STYLE[region.verdictKind] ?? VERDICT_STYLE.unknown;
  const findings = region.foundText || plural(region.findings, 'finding');
  const summary = `${region.region} (${region.label}): ${region.verdictText}; ${findings}`;
  return [
    `<g class="tsm-region tsm-verdict-${region.verdictKind}" data-region="${escapeXml(region.region)}" data-verdict="${region.verdictKind}" data-findings="${region.findings}" tabindex="0" role="button" aria-label="${escapeXml(summary)}">`,
    `<title>${escapeXml(summary)}</title>`,
    shape(style.shape, at, style.colour),
    `<text class="tsm-count tsm-halo" pointer-events="none" x="${fmt(at.x + MARKER_RADIUS + 3)}" y="${fmt(at.y + 4)}" fill="#222222" stroke="#FFFFFF" stroke-width="3" paint-order="stroke" font-weight="600">${region.findings}</text>`,
    '</g>',
  ].join('');
}

/** `at` is the label's baseline centre. */
function renderRegionLabel(region: MapRegion, at: Point): string {
  return `<text class="tsm-region-label tsm-halo" data-region-label="${escapeXml(region.region)}" x="${fmt(at.x)}" y="${fmt(at.y)}" text-anchor="middle" fill="#222222" stroke="#FFFFFF" stroke-width="3" paint-order="stroke">${escapeXml(region.region)}</text>`;
}

/** Closer than this, two markers with their counts overlap. */
const MIN_MARKER_GAP = 24;

/**
 * Moves markers apart until no two are closer than MIN_MARKER_GAP: a few rounds of pairwise pushes, in a fixed
 * order (the input is sorted), so the picture is the same on every render. Markers stay inside the map.
 */
export function spreadApart(points: Map<string, Point>, bounds: { width: number; height: number }): void {
  const names = [...points.keys()];
  const at = names.map((name) => ({ ...points.get(name)! }));
  for (let round = 0; round < 60; round++) {
    let moved = false;
    for (let i = 0; i < at.length; i++) {
      for (let j = i + 1; j < at.length; j++) {
        const a = at[i]!;
        const b = at[j]!;
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let distance = Math.hypot(dx, dy);
        if (distance >= MIN_MARKER_GAP) continue;
        if (distance < 0.01) {
          // The same city: part them along a fixed direction per pair.
          const angle = ((i * 7 + j * 13) % 12) * (Math.PI / 6);
          dx = Math.cos(angle);
          dy = Math.sin(angle);
          distance = 1;
        }
        const push = (MIN_MARKER_GAP - distance) / 2 + 0.01;
        const ux = dx / distance;
        const uy = dy / distance;
        a.x -= ux * push;
        a.y -= uy * push;
        b.x += ux * push;
        b.y += uy * push;
        moved = true;
      }
    }
    for (const point of at) {
      point.x = Math.min(bounds.width - PAD - 20, Math.max(PAD + MARKER_RADIUS, point.x));
      point.y = Math.min(bounds.height - PAD, Math.max(PAD + MARKER_RADIUS, point.y));
    }
    if (!moved) break;
  }
  names.forEach((name, index) => points.set(name, at[index]!));
}

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Region names where they fit: below the marker, else above, never over another marker, its count or a name
 * already placed. The ends of an arrow and the regions off the map are always named; the rest by what they hold
 * (most findings first), then by name.
 */
function fitLabels(
  regions: readonly MapRegion[],
  placed: ReadonlyMap<string, Point>,
  required: ReadonlySet<string>,
): Array<{ region: MapRegion; at: Point }> {
  const markers: Box[] = [...placed.values()].map((p) => ({
    left: p.x - MARKER_RADIUS - 1,
    top: p.y - MARKER_RADIUS - 1,
    right: p.x + MARKER_RADIUS + 16,
    bottom: p.y + MARKER_RADIUS + 1,
  }));
  const taken: Box[] = [];
  const order = [...regions].sort(
    (a, b) => Number(required.has(b.region)) - Number(required.has(a.region)) || b.findings - a.findings || compare(a.region, b.region),
  );
  const labels: Array<{ region: MapRegion; at: Point }> = [];
  for (const region of order) {
    const point = placed.get(region.region);
    if (!point) continue;
    const half = region.region.length * 3.1 + 2;
    const candidates = [point.y + MARKER_RADIUS + 12, point.y - MARKER_RADIUS - 4].map((baseline) => ({
      at: { x: point.x, y: baseline },
      box: { left: point.x - half, top: baseline - 10, right: point.x + half, bottom: baseline + 2 },
    }));
    const fits = candidates.find((candidate) => ![...markers, ...taken].some((box) => overlaps(box, candidate.box)));
    const chosen = fits ?? (required.has(region.region) ? candidates[0] : undefined);
    if (!chosen) continue;
    taken.push(chosen.box);
    labels.push({ region, at: chosen.at });
  }
  return labels.sort((a, b) => compare(a.region.region, b.region.region));
}

/** One shape per verdict, so the map reads in greyscale and for colour-blind readers. */
function shape(kind: string, at: Point, colour: string, radius = MARKER_RADIUS): string {
  const { x, y } = at;
  const r = radius;
  const common = `class="tsm-marker tsm-shape-${kind}" stroke="#1A1A1A" stroke-width="1"`;
  switch (kind) {
    case 'diamond': {
      const d = r * 1.35;
      return `<path ${common} fill="${colour}" d="M${fmt(x)},${fmt(y - d)}L${fmt(x + d)},${fmt(y)}L${fmt(x)},${fmt(y + d)}L${fmt(x - d)},${fmt(y)}Z"/>`;
    }
    case 'square':
      return `<rect ${common} fill="${colour}" x="${fmt(x - r)}" y="${fmt(y - r)}" width="${fmt(2 * r)}" height="${fmt(2 * r)}"/>`;
    case 'triangle': {
      const h = r * 1.3;
      return `<path ${common} fill="${colour}" d="M${fmt(x)},${fmt(y - h)}L${fmt(x + h)},${fmt(y + h * 0.8)}L${fmt(x - h)},${fmt(y + h * 0.8)}Z"/>`;
    }
    case 'cross': {
      const c = r * 0.8;
      return `<path class="tsm-marker tsm-shape-cross" d="M${fmt(x - c)},${fmt(y - c)}L${fmt(x + c)},${fmt(y + c)}M${fmt(x - c)},${fmt(y + c)}L${fmt(x + c)},${fmt(y - c)}" fill="none" stroke="${colour}" stroke-width="2.5"/>`;
    }
    case 'ring':
      return `<circle class="tsm-marker tsm-shape-ring" cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r - 1)}" fill="none" stroke="${colour}" stroke-width="2.5"/>`;
    default:
      return `<circle ${common} fill="${colour}" cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r)}"/>`;
  }
}

/** A curve bent to the north (left of the travel direction when going east), trimmed to the markers' edges. */
function renderArrow(arrow: MapArrow, start: Point, end: Point, nth: number, arrowheadId: string): string {
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  const length = Math.hypot(dx, dy) || 1;
  const bend = (0.18 + 0.1 * nth) * length * (dx >= 0 ? 1 : -1);
  const control = { x: (start.x + end.x) / 2 + (dy / length) * bend, y: (start.y + end.y) / 2 - (Math.abs(dx) / length) * Math.abs(bend) };
  const from = towards(start, control, MARKER_RADIUS + 2);
  const to = towards(end, control, MARKER_RADIUS + 3);
  // Past the middle of the curve: an arrow's middle often sits over a crowd of markers (Europe on the way from
  // America to Asia), while the stretch before the target is usually open.
  const mid = bezierPoint(from, control, to, 0.62);
  const title = `${arrow.bucket}: CreateBucket sent to the ${arrow.from} endpoint, bucket in ${arrow.to}. ${arrow.evidence}`;
  return [
    `<g class="tsm-arrow" data-from="${escapeXml(arrow.from)}" data-to="${escapeXml(arrow.to)}" data-bucket="${escapeXml(arrow.bucket)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<path class="tsm-arrow-line" d="M${fmt(from.x)},${fmt(from.y)}Q${fmt(control.x)},${fmt(control.y)} ${fmt(to.x)},${fmt(to.y)}" fill="none" stroke="#B00020" stroke-width="2" stroke-dasharray="6 3" marker-end="url(#${arrowheadId})"/>`,
    `<text class="tsm-arrow-label tsm-halo" x="${fmt(mid.x)}" y="${fmt(mid.y - 4)}" text-anchor="middle" fill="#B00020" stroke="#FFFFFF" stroke-width="3" paint-order="stroke" font-weight="600">${escapeXml(arrow.bucket)}</text>`,
    '</g>',
  ].join('');
}

function renderLegend(top: number, arrowheadId: string): string {
  const parts = [`<g class="tsm-legend" transform="translate(${PAD},${fmt(top + 8)})">`];
  VERDICT_KINDS.forEach((kind, index) => {
    const style = VERDICT_STYLE[kind];
    const x = (index % 3) * 230;
    const y = Math.floor(index / 3) * 22 + 8;
    parts.push(
      `<g class="tsm-legend-item tsm-verdict-${kind}">${shape(style.shape, { x: x + 8, y }, style.colour, 5)}<text class="tsm-legend-text" x="${x + 20}" y="${y + 4}" fill="#222222">${escapeXml(style.legend)}</text></g>`,
    );
  });
  const x = 0;
  const y = 52;
  parts.push(
    `<g class="tsm-legend-item tsm-legend-arrow"><path class="tsm-arrow-line" d="M${x},${y}L${x + 26},${y}" fill="none" stroke="#B00020" stroke-width="2" stroke-dasharray="6 3" marker-end="url(#${arrowheadId})"/><text class="tsm-legend-text" x="${x + 34}" y="${y + 4}" fill="#222222">CreateBucket sent to another region's endpoint</text></g>`,
    `<text class="tsm-legend-text" x="460" y="${y + 4}" fill="#222222">Number: what to act on in the region.</text>`,
    '</g>',
  );
  return parts.join('');
}

function describe(regions: readonly MapRegion[], arrows: readonly MapArrow[]): string {
  const counts = VERDICT_KINDS.map((kind) => [kind, regions.filter((region) => region.verdictKind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${VERDICT_STYLE[kind].term}`);
  const arrowText = arrows.map((arrow) => `${arrow.bucket} created through ${arrow.from} in ${arrow.to}`);
  return [
    `${plural(regions.length, 'region')}${counts.length ? `: ${counts.join(', ')}` : ''}.`,
    arrows.length ? `Cross-region bucket creations: ${arrowText.join('; ')}.` : 'No cross-region bucket creations.',
  ].join(' ');
}

function cityOf(region: string): LonLat | undefined {
  const coordinates = regionInfo(region)?.coordinates;
  return coordinates && { lon: coordinates[0], lat: coordinates[1] };
}

function bezierPoint(p0: Point, p1: Point, p2: Point, t: number): Point {
  const u = 1 - t;
  return { x: u * u * p0.x + 2 * u * t * p1.x + t * t * p2.x, y: u * u * p0.y + 2 * u * t * p1.y + t * t * p2.y };
}

function towards(from: Point, to: Point, distance: number): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  return { x: from.x + (dx / length) * distance, y: from.y + (dy / length) * distance };
}

interface MapGeometry {
  readonly mapHeight: number;
  readonly landPath: string;
  project(location: LonLat): Point | undefined;
}

// Projecting 110m land costs ~20 ms; the result depends only on the width, so keep the last one (pure memo).
let cachedGeometry: { width: number; geometry: MapGeometry } | undefined;

function mapGeometry(width: number): MapGeometry {
  if (cachedGeometry?.width === width) return cachedGeometry.geometry;
  const projection = geoNaturalEarth1().fitWidth(width - 2 * PAD, { type: 'Sphere' } as GeoPermissibleObjects);
  const [tx, ty] = projection.translate();
  const top = projection([0, MAP_TOP_LATITUDE])![1];
  const bottom = projection([0, MAP_BOTTOM_LATITUDE])![1];
  // Crop the Arctic and Antarctica: no region is there, and the space is better spent on the rest.
  projection.translate([tx + PAD, ty - top + PAD]);
  const mapHeight = bottom - top + 2 * PAD;
  projection.clipExtent([
    [0, 0],
    [width, mapHeight],
  ]);
  const topology = landTopology as unknown as Topology<{ land: GeometryCollection }>;
  const land = feature(topology, topology.objects.land);
  const landPath = geoPath(projection).digits(1)(land) ?? '';
  const geometry: MapGeometry = {
    mapHeight: round1(mapHeight),
    landPath,
    project(location) {
      const point = projection([location.lon, location.lat]);
      return point ? { x: round1(point[0]), y: round1(point[1]) } : undefined;
    },
  };
  cachedGeometry = { width, geometry };
  return geometry;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function fmt(value: number): string {
  const rounded = round1(value);
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
