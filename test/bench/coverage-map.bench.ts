/**
 * The coverage map, the HTML report and the watch's diff at account scale: every built-in region, 50
 * cross-region bucket creations, 5,000 non-compliant resources; the watch comparing 10,000 findings per check.
 */
import type { AccountScan, NonCompliantResource, RegionScan } from '../../src/core/account-model';
import { coverageVerdict } from '../../src/core/coverage';
import { BUILT_IN_REGIONS } from '../../src/core/regions';
import { Watch, type WatchFinding, type WatchSnapshot, type WatchTimers } from '../../src/core/watch';
import { renderCoverageMap, type CoverageMapInput } from '../../src/report/coverage-map';
import { renderHtmlReport } from '../../src/report/html-report';
import { medianMs, type BenchRow } from './bench';

const REGIONS = BUILT_IN_REGIONS.map((info) => info.code);

function mapInput(): CoverageMapInput {
  return {
    regions: REGIONS.map((region, index) => ({
      region,
      label: region,
      verdictKind: (['covered', 'partial', 'not-covered', 'error', 'unknown', 'disabled'] as const)[index % 6]!,
      verdictText: 'verdict',
      findings: index * 7,
    })),
    arrows: Array.from({ length: 50 }, (_, i) => ({
      from: 'us-east-1',
      to: REGIONS[(i % (REGIONS.length - 1)) + 1]!,
      bucket: `bucket-${i}`,
      evidence: `event ${i}`,
    })),
  };
}

function largeScan(resources: number): AccountScan {
  const perRegion = Math.ceil(resources / REGIONS.length);
  const regions: RegionScan[] = REGIONS.map((region) => {
    const nonCompliant: NonCompliantResource[] = Array.from({ length: perRegion }, (_, i) => ({
      ruleName: 'required-tags',
      region,
      resourceType: 'AWS::EC2::Instance',
      resourceId: `i-${region}-${i}`,
      missingKeys: ['Service'],
    }));
    return {
      region,
      optStatus: 'ENABLED',
      state: 'scanned',
      recorders: [],
      deliveryChannels: [],
      rules: [],
      nonCompliant,
      errors: [],
      verdict: coverageVerdict({ optStatus: 'ENABLED', recorders: [], deliveryChannels: [] }),
    };
  });
  return {
    identity: { accountId: '123456789012' },
    startedAt: '2026-11-27T10:00:00Z',
    finishedAt: '2026-11-27T10:00:05Z',
    regionSource: { kind: 'built-in' },
    regions,
    aggregators: [],
    accountErrors: [],
    cancelled: false,
  };
}

/** Timers that fire at once: each runNow() is one full check (scan + diff). */
const immediate: WatchTimers = { now: () => 0, setTimeout: () => 0, clearTimeout: () => {} };

export async function run(): Promise<BenchRow[]> {
  const input = mapInput();
  let start = process.hrtime.bigint();
  const svg = renderCoverageMap(input);
  const coldMs = Number(process.hrtime.bigint() - start) / 1e6;
  const warmMs = await medianMs(20, () => renderCoverageMap(input));

  const scan = largeScan(5000);
  let html = '';
  const reportMs = await medianMs(5, () => {
    html = renderHtmlReport({ scan, generator: 'bench', generatedAt: 'now' });
  });

  const findings: WatchFinding[] = Array.from({ length: 10_000 }, (_, i) => {
    const region = REGIONS[i % REGIONS.length]!;
    return {
      key: `non-compliant:${region}:AWS::EC2::Instance:i-${i}`,
      kind: 'non-compliant',
      region,
      resource: `i-${i}`,
      resourceType: 'AWS::EC2::Instance',
      message: 'm',
    };
  });
  let round = 0;
  let notified = 0;
  const watch = new Watch({
    intervalMs: 1000,
    timers: immediate,
    // Every check adds one finding to what the last one saw.
    scan: async (): Promise<WatchSnapshot> => ({ findings: findings.slice(0, 9_000 + round++), scannedRegions: REGIONS }),
    notify: (items) => {
      notified += items.length;
    },
  });
  watch.start();
  await watch.runNow();
  start = process.hrtime.bigint();
  const checks = 20;
  for (let i = 0; i < checks; i++) await watch.runNow();
  const diffMs = Number(process.hrtime.bigint() - start) / 1e6 / checks;
  watch.stop();

  return [
    {
      name: 'coverage map: render SVG, first (projects land)',
      timeMs: coldMs,
      notes: `${REGIONS.length} regions, 50 arrows, ${Math.round(svg.length / 1024)} KB`,
    },
    { name: 'coverage map: render SVG, warm', timeMs: warmMs, notes: 'median of 20' },
    { name: 'HTML report: 5,000 non-compliant resources', timeMs: reportMs, notes: `${Math.round(html.length / 1024)} KB, median of 5` },
    {
      name: 'watch: one check diffing ~9,000 findings',
      timeMs: diffMs,
      notes: `mean of ${checks}; ${notified} new notified (expected ${checks})`,
    },
  ];
}
