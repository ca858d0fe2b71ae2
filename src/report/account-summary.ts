import { nonCompliantCount, type AccountScan, type RegionScan } from '../core/account-model';
import { verdictRank } from '../core/coverage';

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
  readonly failed: number;
  readonly nonCompliant: number;
  readonly errors: number;
}

export function countScan(scan: AccountScan): AccountScanCounts {
  const kinds = scan.regions.map((region) => region.verdict.kind);
  return {
    regions: scan.regions.length,
    recorded: kinds.filter((kind) => kind === 'recorded' || kind === 'recorded-daily' || kind === 'partially-recorded').length,
    notRecorded: kinds.filter((kind) => kind === 'not-recorded').length,
    problems: scan.regions.filter((region) => region.verdict.level === 'problem').length,
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
