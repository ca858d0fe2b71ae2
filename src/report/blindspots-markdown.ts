import { blindSpotHeadline, describeEvidence, formatDuration, unwatchedRegionsSentence, type BlindSpotReport } from '../core/blind-spot';
import { markdownCell as cell } from './markdown-cell';

/** Markdown for issues and pull requests: a table of blind spots, then evidence per bucket. */
export function renderBlindSpotsMarkdown(report: BlindSpotReport, context: { endpoint?: string } = {}): string {
  const lines = ['# Tagsight blind spots', ''];
  if (context.endpoint) lines.push(`> Calls went to \`${context.endpoint}\`, not AWS.`, '');
  lines.push(cell(blindSpotHeadline(report)), '');
  if (report.blindSpots.length > 0) {
    lines.push('| Bucket | Region | Created through | Unseen for | Predicted missing |', '| --- | --- | --- | --- | --- |');
    for (const spot of report.blindSpots) {
      lines.push(`| ${cell(spot.bucket)} | ${spot.region} | ${spot.creation?.event.endpointRegion ?? '-'} | ${spot.unseenForMs !== undefined ? formatDuration(spot.unseenForMs) : '-'} | ${cell(spot.prediction.missing.join(', ') || '-')} |`);
    }
    lines.push('');
    for (const spot of report.blindSpots) {
      lines.push(`## ${cell(spot.bucket)}`, '');
      if (spot.creation) for (const { label, value } of describeEvidence(spot.creation)) lines.push(`- **${label}:** ${cell(value)}`);
      lines.push(`- ${cell(spot.prediction.summary)}`, `- ${cell(spot.whatFollows)}`, '');
    }
  }
  const unwatched = unwatchedRegionsSentence(report.unwatchedRegions);
  if (unwatched) lines.push('## Regions without a Config recorder', '', cell(unwatched), '');
  if (report.unknown.length > 0 || report.regionErrors.length > 0) {
    lines.push('## Not checked', '');
    for (const unknown of report.unknown) lines.push(`- ${cell(unknown.bucket)} (${unknown.region}): ${cell(unknown.reason)}`);
    for (const error of report.regionErrors) lines.push(`- ${error.region} (${error.service}): ${cell(error.message)}`);
    lines.push('');
  }
  return lines.join('\n');
}
