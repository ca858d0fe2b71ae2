import type { AccountScan, RegionScan } from './account-model';
import type { BlindSpotReport } from './blind-spot';
import type { CoverageLevel } from './coverage';
import { plural } from './wording';

/**
 * The order every surface lists regions in (Coverage view, report, CLI), so that what needs action is on top and
 * sixteen identical "not recorded" rows do not bury the one region that holds a finding.
 *
 * Shown one by one, in this order: regions holding findings or blind spots (most first); regions the workspace's
 * code targets; regions whose scan failed or whose recorder is in trouble; recorded regions. Folded into one line
 * each: regions with no recorder and nothing found, disabled regions, and regions the user marked unused.
 * A region holding a finding or a blind spot is never folded, even when marked unused: that is exactly where an
 * unexpected resource lives.
 */
export interface RelevanceInput {
  /** Blind spots per region (buckets Config does not see); counted with the findings. */
  readonly blindSpots?: ReadonlyMap<string, number>;
  /** Buckets living in a region where Config records no buckets at all. */
  readonly unwatchedBuckets?: ReadonlyMap<string, number>;
  /** Regions that the workspace's IaC and code send calls to. */
  readonly targetedRegions?: ReadonlySet<string>;
}

export interface RegionEntry {
  readonly scan: RegionScan;
  readonly findings: number;
  readonly blindSpots: number;
  readonly unwatchedBuckets: number;
  readonly targeted: boolean;
  readonly unused: boolean;
}

export type QuietKind = 'not-recorded' | 'disabled' | 'unused';

export interface QuietGroup {
  readonly kind: QuietKind;
  /** "14 regions: no recorder, nothing found". */
  readonly label: string;
  readonly regions: readonly RegionEntry[];
  readonly level: CoverageLevel;
}

export interface RegionGroups {
  readonly shown: readonly RegionEntry[];
  readonly quiet: readonly QuietGroup[];
}

/** Regions the user declared intentionally unused (a setting or `--unused-regions`), as the scan carries them. */
export function isUnusedRegion(scan: AccountScan, region: string): boolean {
  return scan.unusedRegions?.includes(region) ?? false;
}

function entryOf(scan: AccountScan, region: RegionScan, input: RelevanceInput): RegionEntry {
  return {
    scan: region,
    findings: region.nonCompliant.length,
    blindSpots: input.blindSpots?.get(region.region) ?? 0,
    unwatchedBuckets: input.unwatchedBuckets?.get(region.region) ?? 0,
    targeted: input.targetedRegions?.has(region.region) ?? false,
    unused: isUnusedRegion(scan, region.region),
  };
}

/** What a reader must act on in the region: non-compliant resources, blind spots, buckets nobody watches. */
export function actionableCount(entry: RegionEntry): number {
  return entry.findings + entry.blindSpots + entry.unwatchedBuckets;
}

function quietKind(entry: RegionEntry): QuietKind | undefined {
  if (actionableCount(entry) > 0) return undefined;
  if (entry.scan.verdict.kind === 'region-disabled') return 'disabled';
  if (entry.targeted) return undefined;
  if (entry.unused && entry.scan.errors.length === 0 && entry.scan.state !== 'failed') return 'unused';
  if (entry.scan.verdict.kind === 'not-recorded' && entry.scan.errors.length === 0) return 'not-recorded';
  return undefined;
}

/** Sort weight of a shown region: lower first. */
function tier(entry: RegionEntry): number {
  if (actionableCount(entry) > 0) return 0;
  if (entry.targeted) return 1;
  const level = entry.scan.verdict.level;
  if (level === 'problem' || level === 'unknown' || entry.scan.errors.length > 0) return 2;
  if (level === 'warning') return 3;
  return 4;
}

const QUIET_ORDER: readonly QuietKind[] = ['not-recorded', 'unused', 'disabled'];

function quietLabel(kind: QuietKind, count: number): string {
  switch (kind) {
    case 'not-recorded':
      return `${plural(count, 'region')}: no recorder, nothing found`;
    case 'unused':
      return `${plural(count, 'region')} marked unused: nothing found`;
    case 'disabled':
      return `${plural(count, 'region')} disabled for this account`;
  }
}

const QUIET_LEVEL: Readonly<Record<QuietKind, CoverageLevel>> = { 'not-recorded': 'problem', unused: 'inactive', disabled: 'inactive' };

export function groupRegionsByRelevance(scan: AccountScan, input: RelevanceInput = {}): RegionGroups {
  const shown: RegionEntry[] = [];
  const quiet = new Map<QuietKind, RegionEntry[]>();
  for (const region of scan.regions) {
    const entry = entryOf(scan, region, input);
    const kind = quietKind(entry);
    if (kind) quiet.set(kind, [...(quiet.get(kind) ?? []), entry]);
    else shown.push(entry);
  }
  // Folding one region into "1 region: ..." hides its name and saves no line: it stays a row of its own.
  for (const [kind, entries] of quiet) {
    if (entries.length === 1) {
      shown.push(entries[0]!);
      quiet.delete(kind);
    }
  }
  shown.sort((a, b) => tier(a) - tier(b) || actionableCount(b) - actionableCount(a) || a.scan.region.localeCompare(b.scan.region));
  const byName = (a: RegionEntry, b: RegionEntry) => a.scan.region.localeCompare(b.scan.region);
  return {
    shown,
    quiet: QUIET_ORDER.filter((kind) => quiet.has(kind)).map((kind) => {
      const regions = [...quiet.get(kind)!].sort(byName);
      return { kind, label: quietLabel(kind, regions.length), regions, level: QUIET_LEVEL[kind] };
    }),
  };
}

/** Every region in relevance order, the folded ones last: for flat tables (JSON, Markdown). */
export function regionsByRelevance(scan: AccountScan, input: RelevanceInput = {}): RegionScan[] {
  const groups = groupRegionsByRelevance(scan, input);
  return [...groups.shown, ...groups.quiet.flatMap((group) => group.regions)].map((entry) => entry.scan);
}

/** The per-region counts a blind-spot report adds to the relevance order. */
export function relevanceOfBlindSpots(report: BlindSpotReport | undefined): Pick<RelevanceInput, 'blindSpots' | 'unwatchedBuckets'> {
  if (!report) return {};
  const blindSpots = new Map<string, number>();
  for (const spot of report.blindSpots) blindSpots.set(spot.region, (blindSpots.get(spot.region) ?? 0) + 1);
  const unwatchedBuckets = new Map<string, number>();
  for (const region of report.unwatchedRegions) if (region.buckets.length > 0) unwatchedBuckets.set(region.region, region.buckets.length);
  return { blindSpots, unwatchedBuckets };
}
