import type { AccountScan } from '../core/account-model';
import { describeEvidence, type BlindSpotReport, type CreationEvidence } from '../core/blind-spot';
import type { CoverageVerdictKind } from '../core/coverage';
import { actionableCount, groupRegionsByRelevance, relevanceOfBlindSpots } from '../core/region-relevance';
import { regionDisplayName } from '../core/regions';
import { foundText } from './account-summary';
import type { CoverageMapInput, MapArrow, MapRegion, MapVerdictKind } from './coverage-map';

/**
 * From the scan's model to what the map draws: one place that decides which verdict gets which marker, and what
 * counts as a finding of a region (its non-compliant resources, the blind spots whose bucket lives there, and the
 * buckets in a region Config does not watch).
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

export function coverageMapInput(scan: AccountScan, blindSpots?: BlindSpotReport): CoverageMapInput {
  // The same counts and words as the Coverage view, the report and the CLI (region-relevance.ts).
  const groups = groupRegionsByRelevance(scan, relevanceOfBlindSpots(blindSpots));
  // In relevance order, so every list drawn from it (the map page's table) starts with what needs action.
  const ordered = [...groups.shown, ...groups.quiet.flatMap((group) => group.regions)];
  const regions: MapRegion[] = ordered.map((entry) => {
    const region = entry.scan;
    return {
      region: region.region,
      label: regionDisplayName(region.region),
      verdictKind: mapVerdictKind(region.verdict.kind),
      verdictText: region.verdict.summary,
      findings: actionableCount(entry),
      foundText: foundText(entry),
    };
  });
  const stillUnseen = new Set((blindSpots?.blindSpots ?? []).map((spot) => spot.bucket));
  const arrows = (blindSpots?.crossRegionCreates ?? []).map((evidence) => mapArrow(evidence, stillUnseen.has(evidence.event.bucket)));
  return { regions, arrows };
}

function mapArrow(evidence: CreationEvidence, stillUnseen: boolean): MapArrow {
  const facts = describeEvidence(evidence).map((line) => `${line.label}: ${line.value}`);
  const status = stillUnseen
    ? `Config in ${evidence.event.bucketRegion} has not discovered it yet.`
    : `Config in ${evidence.event.bucketRegion} knows it now (or the bucket is gone).`;
  return {
    from: evidence.event.endpointRegion,
    to: evidence.event.bucketRegion,
    bucket: evidence.event.bucket,
    evidence: `${facts.join('. ')}. ${status}`,
  };
}
