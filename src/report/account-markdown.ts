import type { AccountScan } from '../core/account-model';
import type { BlindSpotReport } from '../core/blind-spot';
import { regionDisplayName } from '../core/regions';
import { regionsProblemsFirst } from './account-summary';
import { headline, missingText } from './account-text';
import { blindSpotsMarkdownLines } from './blindspots-markdown';
import { markdownCell as cell } from './markdown-cell';

/**
 * The account scan as Markdown (for a pull request or a ticket): a coverage table, the blind spots (as
 * `tagsight blindspots --format markdown` words them; "not checked" when the check did not run or failed, as in
 * the HTML report), the findings, errors.
 */
export function renderAccountMarkdown(scan: AccountScan, options: { blindSpots?: BlindSpotReport } = {}): string {
  const lines: string[] = ['# Tagsight account scan', '', ...headline(scan).map((line) => `${line}  `)];
  if (scan.error) return [...lines, '', `**Scan failed:** ${cell(scan.error.message)}`, ''].join('\n');
  lines.push('', '## Coverage by region', '', '| Region | Name | Verdict |', '| --- | --- | --- |');
  const regions = regionsProblemsFirst(scan);
  for (const region of regions) lines.push(`| \`${region.region}\` | ${cell(regionDisplayName(region.region))} | ${cell(region.verdict.summary)} |`);
  lines.push('', '## Blind spots', '');
  const blindSpots = options.blindSpots ? blindSpotsMarkdownLines(options.blindSpots, 3) : ['Not checked in this scan.'];
  while (blindSpots.at(-1) === '') blindSpots.pop();
  lines.push(...blindSpots);
  const findings = regions.flatMap((region) => region.nonCompliant);
  lines.push('', '## Non-compliant resources', '');
  if (findings.length === 0) lines.push('None reported by REQUIRED_TAGS rules.');
  else {
    lines.push('| Rule | Region | Resource | Missing | Evaluated |', '| --- | --- | --- | --- | --- |');
    for (const finding of findings) {
      lines.push(`| ${cell(finding.ruleName)} | \`${finding.region}\` | ${cell(`${finding.resourceType} ${finding.resourceId}`)} | ${cell(missingText(finding).replace(/^missing: /, ''))} | ${finding.lastEvaluated ?? ''} |`);
    }
  }
  const errors = [
    ...scan.accountErrors.map((error) => `- account: ${cell(error.message)}`),
    ...regions.flatMap((region) => region.errors.map((error) => `- \`${region.region}\` (${error.part}): ${cell(error.message)}`)),
  ];
  if (errors.length) lines.push('', '## Errors', '', ...errors);
  return lines.join('\n') + '\n';
}
