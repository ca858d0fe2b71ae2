import { blindSpotHeadline, describeEvidence, formatDuration, unwatchedRegionsSentence, type BlindSpotReport } from '../core/blind-spot';
import { markdownCell as cell } from './markdown-cell';

/**
 * The blind spots as Markdown lines: the headline, a table of blind spots, the evidence per bucket, the regions no
 * recorder watches and what could not be checked. `level` is the heading level of the sections inside (2 for a
 * document of its own, 3 under the account report's "Blind spots").
 */
export function blindSpotsMarkdownLines(report: BlindSpotReport, level: number): string[] {
  const heading = '#'.repeat(level);
  const lines = [cell(blindSpotHeadline(report)), ''];
  if (report.blindSpots.length > 0) {
    lines.push('| Bucket | Region | Created through | Unseen for | Predicted missing |', '| --- | --- | --- | --- | --- |');
    for (const spot of report.blindSpots) {
      lines.push(
        `| ${cell(spot.bucket)} | ${spot.region} | ${spot.creation?.event.endpointRegion ?? '-'} | ${spot.unseenForMs !== undefined ? formatDuration(spot.unseenForMs) : '-'} | ${cell(spot.prediction.missing.join(', ') || '-')} |`,
      );
    }
    lines.push('');
    for (const spot of report.blindSpots) {
      lines.push(`${heading} ${cell(spot.bucket)}`, '');
      if (spot.creation)
        for (const { label, value } of describeEvidence(spot.creation, { now: new Date(report.generatedAt) }))
          lines.push(`- **${label}:** ${cell(value)}`);
      lines.push(`- ${cell(spot.prediction.summary)}`, `- ${cell(spot.whatFollows)}`, '');
    }
  }
  const unwatched = unwatchedRegionsSentence(report.unwatchedRegions);
  if (unwatched) lines.push(`${heading} Regions without a Config recorder`, '', cell(unwatched), '');
  if (report.unknown.length > 0 || report.regionErrors.length > 0) {
    lines.push(`${heading} Not checked`, '');
    for (const unknown of report.unknown) lines.push(`- ${cell(unknown.bucket)} (${unknown.region}): ${cell(unknown.reason)}`);
    for (const error of report.regionErrors) lines.push(`- ${error.region} (${error.service}): ${cell(error.message)}`);
    lines.push('');
  }
  return lines;
}

/** Markdown for issues and pull requests: a table of blind spots, then evidence per bucket. */
export function renderBlindSpotsMarkdown(report: BlindSpotReport, context: { endpoint?: string } = {}): string {
  const lines = ['# Tagsight blind spots', ''];
  if (context.endpoint) lines.push(`> Calls went to \`${context.endpoint}\`, not AWS.`, '');
  return [...lines, ...blindSpotsMarkdownLines(report, 2)].join('\n');
}
