import { nonCompliantCount, type AccountScan, type RegionScan } from '../core/account-model';
import { verdictRank } from '../core/coverage';
import { isUnusedRegion, type RegionEntry, type RelevanceInput } from '../core/region-relevance';
import { plural } from '../core/wording';

/** What every account-scan format shares: the region order (problems first) and the headline counts. */
export function regionsProblemsFirst(scan: AccountScan): RegionScan[] {
  return [...scan.regions].sort((a, b) => verdictRank(a.verdict.kind) - verdictRank(b.verdict.kind) || a.region.localeCompare(b.region));
}

export interface AccountScanCounts {
  readonly regions: number;
  readonly recorded: number;
  readonly notRecorded: number;
  readonly problems: number;
  readonly disabled: number;
  /** Regions marked unused with nothing found in them: neither problems nor recorded. */
  readonly unused: number;
  readonly failed: number;
  readonly nonCompliant: number;
  readonly errors: number;
}

/** `found`: the blind-spot counts per region, when known, so a region holding a bucket is never set aside. */
export function countScan(scan: AccountScan, found: Pick<RelevanceInput, 'blindSpots' | 'unwatchedBuckets'> = {}): AccountScanCounts {
  const kinds = scan.regions.map((region) => region.verdict.kind);
  // A region marked unused is set aside only while nothing was found there and it was read without error.
  const setAside = (region: RegionScan) =>
    isUnusedRegion(scan, region.region) &&
    region.nonCompliant.length === 0 &&
    region.errors.length === 0 &&
    region.verdict.level === 'problem' &&
    !found.blindSpots?.get(region.region) &&
    !found.unwatchedBuckets?.get(region.region);
  const counted = scan.regions.filter((region) => !setAside(region));
  return {
    regions: scan.regions.length,
    recorded: kinds.filter((kind) => kind === 'recorded' || kind === 'recorded-daily' || kind === 'partially-recorded').length,
    notRecorded: counted.filter((region) => region.verdict.kind === 'not-recorded').length,
    unused: scan.regions.length - counted.length,
    problems: counted.filter((region) => region.verdict.level === 'problem').length,
    disabled: kinds.filter((kind) => kind === 'region-disabled').length,
    failed: kinds.filter((kind) => kind === 'scan-failed').length,
    nonCompliant: nonCompliantCount(scan),
    errors: scan.regions.reduce((sum, region) => sum + region.errors.length, 0) + scan.accountErrors.length + (scan.error ? 1 : 0),
  };
}

/** A finding: a resource is non-compliant, or a region is not recorded (or its recorder is stopped or failing). */
export function scanHasFindings(scan: AccountScan): boolean {
  const counts = countScan(scan);
  return counts.nonCompliant > 0 || counts.problems > 0;
}

/**
 * Regions not fully read (failed, cancelled, or a part such as the rules unreadable): what they hold is unknown,
 * so a scan with any of them must never pass for clean.
 */
export function incompleteRegions(scan: AccountScan): RegionScan[] {
  return scan.regions.filter((region) => region.state === 'failed' || region.state === 'cancelled' || region.errors.length > 0);
}

/** The CLI's exit code rule: 0 only when every region was read and nothing was found. */
export function scanIsClean(scan: AccountScan): boolean {
  return !scan.error && !scan.cancelled && !scanHasFindings(scan) && incompleteRegions(scan).length === 0;
}

/** Each verdict that appears in the scan, explained once: the legend every people-facing format prints. */
export function verdictLegend(
  scan: AccountScan,
): Array<{ readonly level: RegionScan['verdict']['level']; readonly headline: string; readonly explanation: string }> {
  const seen = new Map<string, { level: RegionScan['verdict']['level']; headline: string; explanation: string }>();
  for (const region of scan.regions) {
    const { headline, explanation, level } = region.verdict;
    if (explanation && !seen.has(headline)) seen.set(headline, { level, headline, explanation });
  }
  return [...seen.values()];
}

/** "1 non-compliant, 1 blind spot": what a region row counts, the same words in every format. */
export function foundText(entry: RegionEntry): string {
  const parts: string[] = [];
  if (entry.findings) parts.push(`${entry.findings} non-compliant`);
  if (entry.blindSpots) parts.push(plural(entry.blindSpots, 'blind spot'));
  if (entry.unwatchedBuckets) parts.push(`${plural(entry.unwatchedBuckets, 'bucket')} not watched`);
  if (entry.targeted) parts.push('targeted by the workspace');
  if (entry.unused) parts.push('marked unused');
  return parts.join(', ');
}
