import type { AccountScan } from '../core/account-model';
import { describeEvidence, type BlindSpotReport, type CreationEvidence } from '../core/blind-spot';
import type { CoverageVerdictKind } from '../core/coverage';
import { regionDisplayName } from '../core/regions';
import type { CoverageMapInput, MapArrow, MapRegion, MapVerdictKind } from './coverage-map';

/**
 * From the scan's model to what the map draws: one place that decides which verdict gets which marker, and what
 * counts as a finding of a region (its non-compliant resources plus the blind spots whose bucket lives there).
 * The webview, the HTML report and their tests all go through here, so they show the same facts.
 */

const MAP_KIND: Readonly<Record<CoverageVerdictKind, MapVerdictKind>> = {
  recorded: 'covered',
  'recorded-daily': 'partial',
  'partially-recorded': 'partial',
  'recorder-failing': 'not-covered',
  'not-recorded': 'not-covered',
  'scan-failed': 'error',
  cancelled: 'unknown',
  'region-disabled': 'disabled',
};

function mapVerdictKind(kind: CoverageVerdictKind): MapVerdictKind {
  return MAP_KIND[kind] ?? 'unknown';
}

/** How many blind spots (buckets Config has not seen) each region holds; regions without any are absent. */
export function blindSpotsPerRegion(blindSpots: BlindSpotReport | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const spot of blindSpots?.blindSpots ?? []) counts.set(spot.region, (counts.get(spot.region) ?? 0) + 1);
  return counts;
}

export function coverageMapInput(scan: AccountScan, blindSpots?: BlindSpotReport): CoverageMapInput {
  const blindSpotsByRegion = blindSpotsPerRegion(blindSpots);
  const regions: MapRegion[] = scan.regions.map((region) => ({
    region: region.region,
    label: regionDisplayName(region.region),
    verdictKind: mapVerdictKind(region.verdict.kind),
    verdictText: region.verdict.summary,
    findings: region.nonCompliant.length + (blindSpotsByRegion.get(region.region) ?? 0),
  }));
  const stillUnseen = new Set((blindSpots?.blindSpots ?? []).map((spot) => spot.bucket));
  const arrows = (blindSpots?.crossRegionCreates ?? []).map((evidence) => mapArrow(evidence, stillUnseen.has(evidence.event.bucket)));
  return { regions, arrows };
}

function mapArrow(evidence: CreationEvidence, stillUnseen: boolean): MapArrow {
  const facts = describeEvidence(evidence).map((line) => `${line.label}: ${line.value}`);
  const status = stillUnseen
    ? `Config in ${evidence.event.bucketRegion} has not discovered it yet.`
    : `Config in ${evidence.event.bucketRegion} knows it now (or the bucket is gone).`;
  return { from: evidence.event.endpointRegion, to: evidence.event.bucketRegion, bucket: evidence.event.bucket, evidence: `${facts.join('. ')}. ${status}` };
}
