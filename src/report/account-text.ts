import { connectionLabel, type AccountScan, type NonCompliantResource, type RegionScan } from '../core/account-model';
import type { CoverageLevel } from '../core/coverage';
import { blindSpotHeadline, formatDuration, notRecordingCause, type BlindSpotReport } from '../core/blind-spot';
import { groupRegionsByRelevance, relevanceOfBlindSpots } from '../core/region-relevance';
import { regionDisplayName } from '../core/regions';
import { formatWhen } from '../core/when';
import { plural } from '../core/wording';
import { countScan, foundText, verdictLegend } from './account-summary';
import { wrapText } from './wrap-text';

export interface AccountTextOptions {
  /** The blind-spot check's result, when it ran: its buckets are listed and counted per region. */
  readonly blindSpots?: BlindSpotReport;
  /** Regions that the checked workspace targets, listed before quiet ones. */
  readonly targetedRegions?: ReadonlySet<string>;
  /** The terminal's width; lines are wrapped to it (80 when unknown, never below 60). */
  readonly width?: number;
  /** For "3 h ago": the scan's end by default, so the output does not depend on when it is read. */
  readonly now?: Date;
  /** IANA zone of the clock times; the process's own zone when absent. */
  readonly timeZone?: string;
}

/**
 * The account scan for a terminal, in the order a reader acts: the headline, non-compliant resources, then
 * coverage by relevance (regions with findings on top, quiet regions folded into one line each), then a legend
 * that explains each verdict once instead of on every row, then errors.
 */
export function renderAccountText(scan: AccountScan, options: AccountTextOptions = {}): string {
  const width = Math.max(60, options.width ?? 80);
  const found = relevanceOfBlindSpots(options.blindSpots);
  const lines: string[] = headline(scan, found).flatMap((line) => wrapText(line, width, '', '  '));
  if (scan.error) {
    lines.push('', `Scan failed: ${scan.error.message}`);
    return lines.join('\n') + '\n';
  }
  const when = { now: options.now ?? new Date(scan.finishedAt), timeZone: options.timeZone };
  const findings = scan.regions.flatMap((region) => region.nonCompliant);
  lines.push('');
  if (findings.length === 0) lines.push('No non-compliant resources reported by REQUIRED_TAGS rules.');
  else {
    lines.push(`Non-compliant resources (${findings.length})`);
    for (const finding of findings) {
      lines.push(
        ...wrapText(`${finding.region}  ${finding.resourceType} ${finding.resourceId}  ${missingText(finding)}`, width, '  ', '    '),
      );
      const evaluated = finding.lastEvaluated ? `, evaluated ${formatWhen(finding.lastEvaluated, when)}` : '';
      lines.push(...wrapText(`rule ${finding.ruleName}${evaluated}`, width, '    ', '    '));
    }
  }

  if (options.blindSpots) lines.push('', ...blindSpotLines(options.blindSpots, width));

  const groups = groupRegionsByRelevance(scan, { targetedRegions: options.targetedRegions, ...found });
  const nameWidth = Math.max(6, ...groups.shown.map((entry) => entry.scan.region.length));
  const displayWidth = Math.max(6, ...groups.shown.map((entry) => regionDisplayName(entry.scan.region).length));
  lines.push('', ...wrapText('Coverage by region (does AWS Config see a change made through this region?)', width, '', ''));
  for (const entry of groups.shown) {
    const region = entry.scan;
    const head = `${MARK[region.verdict.level]} ${region.region.padEnd(nameWidth)}  ${regionDisplayName(region.region).padEnd(displayWidth)}  `;
    lines.push(
      ...wrapText(
        `${head}${[region.verdict.headline, foundText(entry)].filter(Boolean).join(', ')}${partialErrors(region)}`,
        width,
        '  ',
        ' '.repeat(Math.min(head.length + 2, Math.floor(width / 2))),
      ),
    );
  }
  for (const group of groups.quiet) {
    lines.push(`  ${MARK[group.level]} ${group.label}`);
    lines.push(...wrapText(group.regions.map((entry) => entry.scan.region).join(', '), width, '       ', '       '));
  }

  const legend = legendLines(scan);
  if (legend.length > 0) {
    lines.push('', 'Legend');
    for (const [mark, text] of legend) lines.push(...wrapText(`${mark} ${text}`, width, '  ', '       '));
  }

  const errors = [
    ...scan.accountErrors.map((error) => `account: ${error.message}`),
    ...scan.regions.flatMap((region) => region.errors.map((error) => `${region.region} (${error.part}): ${error.message}`)),
  ];
  if (errors.length > 0) {
    lines.push('', 'Errors:');
    for (const error of errors) lines.push(...wrapText(error, width, '  ', '    '));
  }
  return lines.join('\n') + '\n';
}

/** The blind spots in short (one line each); `tagsight blindspots` prints the evidence. */
function blindSpotLines(report: BlindSpotReport, width: number): string[] {
  const lines = [blindSpotHeadline(report)];
  for (const spot of report.blindSpots) {
    const unseen = spot.unseenForMs !== undefined ? `, unseen for ${formatDuration(spot.unseenForMs)}` : '';
    const through = spot.creation?.crossRegion ? `, created through ${spot.creation.event.endpointRegion}` : '';
    lines.push(...wrapText(`${spot.region}  ${spot.bucket}${unseen}${through}: ${spot.prediction.summary}`, width, '  ', '    '));
  }
  for (const region of report.unwatchedRegions) {
    for (const bucket of region.buckets)
      lines.push(
        ...wrapText(`${region.region}  ${bucket}: not watched (${notRecordingCause(region.reason).toLowerCase()})`, width, '  ', '    '),
      );
  }
  if (report.blindSpots.length > 0) lines.push('  Evidence (who, when, through which endpoint): tagsight blindspots');
  return lines;
}

const MARK: Readonly<Record<CoverageLevel, string>> = { ok: '[ok]', warning: '[~ ]', problem: '[!!]', unknown: '[??]', inactive: '[--]' };

/** Each verdict that appears, explained once: "[!!] not recorded: a call sent to ...". */
function legendLines(scan: AccountScan): Array<[string, string]> {
  return verdictLegend(scan).map((entry) => [MARK[entry.level], `${entry.headline}: ${entry.explanation}.`]);
}

export function missingText(resource: NonCompliantResource): string {
  if (resource.missingKeys === 'unknown') return 'missing: unknown (Config gave no detail)';
  if (resource.missingKeys.length === 0) return 'a tag value is not allowed';
  return `missing: ${resource.missingKeys.join(', ')}`;
}

function partialErrors(region: RegionScan): string {
  const parts = region.verdict.kind === 'scan-failed' ? region.errors.filter((error) => error.part !== 'recorders') : region.errors;
  return parts.length ? ` (also: ${[...new Set(parts.map((error) => error.part))].join(', ')} could not be read)` : '';
}

export function headline(scan: AccountScan, found: Parameters<typeof countScan>[1] = {}): string[] {
  const counts = countScan(scan, found);
  const label = connectionLabel(scan);
  const who = scan.demo
    ? `Demo account ${scan.identity?.accountId ?? '(unknown)'} (the built-in emulator)`
    : `Account ${scan.identity?.accountId ?? '(unknown)'}, ${label}`;
  const lines = [who];
  if (scan.endpoint) lines.push(`Calls went to ${scan.endpoint}, not AWS.`);
  if (scan.cancelled) lines.push('The scan was cancelled: some regions were not read.');
  if (scan.regionSource.reason) lines.push(scan.regionSource.reason);
  if (!scan.error) {
    const parts = [`${counts.recorded} recorded`, `${counts.notRecorded} not recorded`];
    if (counts.unused) parts.push(`${counts.unused} marked unused`);
    parts.push(`${counts.disabled} disabled`);
    if (counts.failed) parts.push(`${counts.failed} failed`);
    lines.push(`${plural(counts.regions, 'region')}: ${parts.join(', ')}; ${plural(counts.nonCompliant, 'non-compliant resource')}.`);
  }
  for (const aggregator of scan.aggregators)
    lines.push(
      `Aggregator ${aggregator.name} in ${aggregator.region} (${aggregator.organization ? 'organization' : 'accounts'}, ${aggregator.allRegions ? 'all regions' : aggregator.regions.join(', ') || 'no regions'}).`,
    );
  return lines;
}
