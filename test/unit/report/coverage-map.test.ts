import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { renderCoverageMap, VERDICT_KINDS, VERDICT_STYLE, type CoverageMapInput, type MapRegion } from '../../../src/report/coverage-map';

const INCIDENT: CoverageMapInput = {
  regions: [
    { region: 'us-east-1', label: 'US East (N. Virginia)', verdictKind: 'not-covered', verdictText: 'No Config recorder', findings: 0 },
    {
      region: 'ap-northeast-2',
      label: 'Asia Pacific (Seoul)',
      verdictKind: 'covered',
      verdictText: 'Recorder on, S3 recorded',
      findings: 1,
    },
    { region: 'eu-west-1', label: 'Europe (Ireland)', verdictKind: 'partial', verdictText: 'S3 buckets excluded', findings: 3 },
    { region: 'eu-central-1', label: 'Europe (Frankfurt)', verdictKind: 'error', verdictText: 'Throttled', findings: 0 },
    { region: 'sa-east-1', label: 'South America (São Paulo)', verdictKind: 'unknown', verdictText: 'Not scanned', findings: 0 },
  ],
  arrows: [
    {
      from: 'us-east-1',
      to: 'ap-northeast-2',
      bucket: 'rnd-transcribe-test',
      evidence: 'CloudTrail event 3f1c… at 2026-11-20T09:12:00Z by arn:aws:iam::123456789012:user/dev <&>',
    },
  ],
};

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true, allowBooleanAttributes: true });

interface Element {
  readonly tag: string;
  readonly attrs: Record<string, string>;
  readonly children: Node[];
}

/** The element children of a parsed node list. */
function childElements(nodes: Node[]): Element[] {
  return nodes.flatMap((node) => {
    const tag = Object.keys(node).find((key) => key !== ':@');
    if (!tag || tag === '#text') return [];
    return [{ tag, attrs: (node[':@'] ?? {}) as Record<string, string>, children: node[tag] as Node[] }];
  });
}

/** Every element of the parsed SVG, depth first. */
function elements(svg: string): Element[] {
  const out: Element[] = [];
  const walk = (nodes: Node[]) => {
    for (const element of childElements(nodes)) {
      out.push(element);
      walk(element.children);
    }
  };
  walk(parser.parse(svg) as Node[]);
  return out;
}

const hasClass = (element: Element, cls: string) => (element.attrs['@class'] ?? '').split(' ').includes(cls);

function textOf(children: Node[]): string {
  return children.map((child) => (typeof child['#text'] !== 'undefined' ? String(child['#text']) : '')).join('');
}

describe('renderCoverageMap', () => {
  const svg = renderCoverageMap(INCIDENT);
  const all = elements(svg);
  const groups = (cls: string) => all.filter((e) => e.tag === 'g' && hasClass(e, cls));
  const marker = (region: string) => groups('tsm-region').find((m) => m.attrs['@data-region'] === region)!;
  const shapeOf = (region: string) => childElements(marker(region).children).find((e) => hasClass(e, 'tsm-marker'))!;

  it('is well-formed SVG with a title and a description for assistive technology', () => {
    assert.doesNotThrow(() => new XMLParser().parse(svg, true));
    const root = all[0]!;
    assert.equal(root.tag, 'svg');
    assert.equal(root.attrs['@role'], 'img');
    const desc = all.find((e) => e.tag === 'desc');
    assert.match(textOf(desc!.children), /rnd-transcribe-test created through us-east-1 in ap-northeast-2/);
  });

  it('draws a marker for every region, with the shape and class of its verdict', () => {
    assert.deepEqual(
      groups('tsm-region')
        .map((m) => m.attrs['@data-region'])
        .sort(),
      INCIDENT.regions.map((r) => r.region).sort(),
    );
    for (const region of INCIDENT.regions) {
      const group = marker(region.region);
      assert.ok(hasClass(group, `tsm-verdict-${region.verdictKind}`), region.region);
      const shapeClass = `tsm-shape-${VERDICT_STYLE[region.verdictKind].shape}`;
      assert.ok(hasClass(shapeOf(region.region), shapeClass), `${region.region} is drawn as ${shapeClass}`);
      const count = childElements(group.children).find((e) => hasClass(e, 'tsm-count'))!;
      assert.equal(textOf(count.children), String(region.findings), `${region.region} shows its count of findings`);
      assert.equal(group.attrs['@tabindex'], '0', 'reachable by keyboard');
    }
  });

  it('uses a distinct shape per verdict, so the map reads without colour', () => {
    const shapes = new Set(VERDICT_KINDS.map((kind) => VERDICT_STYLE[kind].shape));
    assert.equal(shapes.size, VERDICT_KINDS.length);
    const legendItems = groups('tsm-legend-item').filter((g) => /tsm-verdict-/.test(g.attrs['@class']!));
    assert.equal(legendItems.length, VERDICT_KINDS.length, 'the legend names every verdict');
  });

  it('names the verdicts in the words of the Coverage view and the status bar ("not recorded")', () => {
    const legend = (kind: string) => {
      const item = groups('tsm-legend-item').find((g) => hasClass(g, `tsm-verdict-${kind}`))!;
      return textOf(childElements(item.children).find((e) => e.tag === 'text')!.children);
    };
    assert.match(legend('not-covered'), /^Not recorded: /);
    assert.match(legend('covered'), /^Recorded: /);
    assert.match(legend('partial'), /^Partially recorded/);
    const desc = textOf(all.find((e) => e.tag === 'desc')!.children);
    assert.match(desc, /\b1 not recorded\b/);
    assert.doesNotMatch(desc, /does not see|unrecorded/);
  });

  it('draws the arrow from us-east-1 to ap-northeast-2, labelled with the bucket, with the evidence on hover', () => {
    const arrows = groups('tsm-arrow');
    assert.equal(arrows.length, 1);
    const arrow = arrows[0]!;
    assert.equal(arrow.attrs['@data-from'], 'us-east-1');
    assert.equal(arrow.attrs['@data-to'], 'ap-northeast-2');
    const label = all.find((e) => e.tag === 'text' && e.attrs['@class']?.includes('tsm-arrow-label'));
    assert.equal(textOf(label!.children), 'rnd-transcribe-test');
    const title = childElements(arrow.children).find((e) => e.tag === 'title')!;
    assert.match(textOf(title.children), /CreateBucket sent to the us-east-1 endpoint, bucket in ap-northeast-2/);
    assert.match(svg, /by arn:aws:iam::123456789012:user\/dev &lt;&amp;&gt;/, 'evidence is escaped');

    // The line starts near Virginia and ends near Seoul: east of it, at about the same latitude.
    const line = all.find((e) => e.tag === 'path' && e.attrs['@class'] === 'tsm-arrow-line' && e.attrs['@marker-end'])!;
    const numbers = line.attrs['@d']!.match(/-?\d+(\.\d+)?/g)!.map(Number);
    const [x0, y0] = numbers;
    const [x1, y1] = numbers.slice(-2);
    const centre = (region: string) => {
      const shape = shapeOf(region);
      return shape.attrs['@cx']
        ? [Number(shape.attrs['@cx']), Number(shape.attrs['@cy'])]
        : [Number(shape.attrs['@x']) + 6, Number(shape.attrs['@y']) + 6];
    };
    const [ex, ey] = centre('us-east-1');
    const [sx, sy] = centre('ap-northeast-2');
    assert.ok(Math.hypot(x0! - ex!, y0! - ey!) < 15, 'starts at us-east-1');
    assert.ok(Math.hypot(x1! - sx!, y1! - sy!) < 15, 'ends at ap-northeast-2');
    assert.ok(sx! > ex!, 'Seoul is east of Virginia');
  });

  it('is deterministic and independent of input order', () => {
    const shuffled: CoverageMapInput = { regions: [...INCIDENT.regions].reverse(), arrows: [...INCIDENT.arrows] };
    assert.equal(renderCoverageMap(shuffled), svg);
    assert.equal(renderCoverageMap(INCIDENT), svg);
  });

  it('puts a region it cannot place in the "not on the map" strip instead of dropping it', () => {
    const extra: MapRegion = { region: 'xx-future-1', label: 'Future', verdictKind: 'covered', verdictText: 'ok', findings: 2 };
    const out = renderCoverageMap({ regions: [...INCIDENT.regions, extra], arrows: [] });
    assert.match(out, /data-region="xx-future-1"/);
    assert.match(out, /Not on the map/);
  });

  it('escapes hostile names and never emits style attributes or scripts (strict CSP hosts)', () => {
    const out = renderCoverageMap({
      regions: [
        { region: 'us-east-1', label: '"><script>x</script>', verdictKind: 'covered', verdictText: '<img onerror=1>', findings: 0 },
      ],
      arrows: [{ from: 'us-east-1', to: 'ap-northeast-2', bucket: '<b>"x"</b>', evidence: "'" }],
    });
    assert.doesNotThrow(() => new XMLParser().parse(out, true));
    const parsed = elements(out);
    assert.deepEqual(
      parsed.filter((e) => ['script', 'img', 'b', 'foreignObject', 'style'].includes(e.tag)),
      [],
    );
    const attributes = parsed.flatMap((e) => Object.keys(e.attrs));
    assert.deepEqual(
      attributes.filter((name) => /^@(style|on|href|xlink:href)/.test(name)),
      [],
    );
  });

  it('skips an arrow whose two ends are the same region', () => {
    const out = renderCoverageMap({
      regions: INCIDENT.regions,
      arrows: [{ from: 'us-east-1', to: 'us-east-1', bucket: 'b', evidence: '' }],
    });
    assert.doesNotMatch(out, /class="tsm-arrow"/);
  });

  it('spreads crowded markers (Europe, North-East Asia) apart, ties each to its city, and names regions only where they fit', () => {
    const crowded = [
      'eu-west-1',
      'eu-west-2',
      'eu-west-3',
      'eu-central-1',
      'eu-north-1',
      'eu-south-1',
      'ap-northeast-1',
      'ap-northeast-2',
      'ap-northeast-3',
      'us-east-1',
      'us-east-2',
    ];
    const svg = renderCoverageMap({
      regions: crowded.map((region) => ({
        region,
        label: region,
        verdictKind: 'not-covered' as const,
        verdictText: 'not recorded',
        findings: region === 'ap-northeast-2' ? 2 : 0,
      })),
      arrows: [],
    });
    const nodes = elements(svg);
    const centre = (region: string) => {
      const group = nodes.find((e) => e.tag === 'g' && e.attrs['@data-region'] === region)!;
      const rect = childElements(group.children).find((e) => hasClass(e, 'tsm-marker'))!;
      return { x: Number(rect.attrs['@x']) + 6, y: Number(rect.attrs['@y']) + 6 };
    };
    for (const [i, a] of crowded.entries()) {
      for (const b of crowded.slice(i + 1)) {
        const [p, q] = [centre(a), centre(b)];
        assert.ok(Math.hypot(p.x - q.x, p.y - q.y) >= 23.9, `${a} and ${b} overlap`);
      }
    }
    assert.ok(nodes.filter((e) => e.tag === 'line' && hasClass(e, 'tsm-leader')).length >= 4, 'moved markers are tied to their cities');
    // Labels never sit on a marker: the region with findings is named first, the others where room is left.
    const labels = nodes.filter((e) => e.tag === 'text' && hasClass(e, 'tsm-region-label'));
    assert.ok(labels.some((e) => e.attrs['@data-region-label'] === 'ap-northeast-2'));
    const boxes = labels.map((e) => {
      const half = String(e.attrs['@data-region-label']).length * 3.1 + 2;
      return {
        name: e.attrs['@data-region-label'],
        left: Number(e.attrs['@x']) - half,
        right: Number(e.attrs['@x']) + half,
        top: Number(e.attrs['@y']) - 10,
        bottom: Number(e.attrs['@y']) + 2,
      };
    });
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        assert.ok(
          !(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom),
          `labels ${a.name} and ${b.name} overlap`,
        );
      }
    }
  });
});
