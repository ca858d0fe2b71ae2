import type { AccountScan } from '../core/account-model';
import type { BlindSpotReport } from '../core/blind-spot';
import { groupRegionsByRelevance, relevanceOfBlindSpots } from '../core/region-relevance';
import { regionDisplayName } from '../core/regions';
import { formatWhen } from '../core/when';
import { foundText, verdictLegend } from './account-summary';
import { headline, missingText } from './account-text';
import { blindSpotsMarkdownLines } from './blindspots-markdown';
import { markdownCell as cell } from './markdown-cell';

/**
 * The account scan as Markdown (for a pull request or a ticket), in the order a reader acts: the blind spots (as
 * `tagsight blindspots --format markdown` words them; "not checked" when the check did not run or failed, as in
 * the HTML report), the non-compliant resources, then coverage by relevance with quiet regions folded and a legend,
 * then errors.
 */
export function renderAccountMarkdown(
  scan: AccountScan,
  options: { blindSpots?: BlindSpotReport; now?: Date; timeZone?: string } = {},
): string {
  const found = relevanceOfBlindSpots(options.blindSpots);
  const lines: string[] = ['# Tagsight account scan', '', ...headline(scan, found).map((line) => `${line}  `)];
  if (scan.error) return [...lines, '', `**Scan failed:** ${cell(scan.error.message)}`, ''].join('\n');
  const when = { now: options.now ?? new Date(scan.finishedAt), timeZone: options.timeZone };
  lines.push('', '## Blind spots', '');
  const blindSpots = options.blindSpots ? blindSpotsMarkdownLines(options.blindSpots, 3) : ['Not checked in this scan.'];
  while (blindSpots.at(-1) === '') blindSpots.pop();
  lines.push(...blindSpots);
  const findings = scan.regions.flatMap((region) => region.nonCompliant);
  lines.push('', '## Non-compliant resources', '');
  if (findings.length === 0) lines.push('None reported by REQUIRED_TAGS rules.');
  else {
    lines.push('| Rule | Region | Resource | Missing | Evaluated |', '| --- | --- | --- | --- | --- |');
    for (const finding of findings) {
      const evaluated = finding.lastEvaluated ? formatWhen(finding.lastEvaluated, when) : '';
      lines.push(
        `| ${cell(finding.ruleName)} | \`${finding.region}\` | ${cell(`${finding.resourceType} ${finding.resourceId}`)} | ${cell(missingText(finding).replace(/^missing: /, ''))} | ${cell(evaluated)} |`,
      );
    }
  }
  const groups = groupRegionsByRelevance(scan, found);
  lines.push('', '## Coverage by region', '', '| Region | Name | Verdict | Found |', '| --- | --- | --- | --- |');
  for (const entry of groups.shown) {
    const region = entry.scan;
    lines.push(
      `| \`${region.region}\` | ${cell(regionDisplayName(region.region))} | ${cell(region.verdict.headline)} | ${cell(foundText(entry))} |`,
    );
  }
  for (const group of groups.quiet) {
    lines.push(
      `| ${group.regions.map((entry) => `\`${entry.scan.region}\``).join(', ')} | ${cell(group.label)} | ${cell(group.regions[0]!.scan.verdict.headline)} | |`,
    );
  }
  const legend = verdictLegend(scan);
  if (legend.length > 0) lines.push('', ...legend.map((entry) => `- **${cell(entry.headline)}**: ${cell(entry.explanation)}.`));
  const errors = [
    ...scan.accountErrors.map((error) => `- account: ${cell(error.message)}`),
    ...scan.regions.flatMap((region) => region.errors.map((error) => `- \`${region.region}\` (${error.part}): ${cell(error.message)}`)),
  ];
  if (errors.length) lines.push('', '## Errors', '', ...errors);
  return lines.join('\n') + '\n';
}
