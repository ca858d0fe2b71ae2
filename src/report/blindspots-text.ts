import { blindSpotHeadline, describeEvidence, formatDuration, unwatchedRegionsSentence, type BlindSpotReport } from '../core/blind-spot';

/** Plain text for a terminal: the headline, regions that could not be read, one block per blind spot, then the rest. */
export function renderBlindSpotsText(report: BlindSpotReport, context: { endpoint?: string } = {}): string {
  const lines: string[] = [];
  if (context.endpoint) lines.push(`(calls went to ${context.endpoint}, not AWS)`, '');
  lines.push(blindSpotHeadline(report));
  for (const error of report.regionErrors) lines.push('', `Error in ${error.region} (${error.service}): ${error.message}`);
  for (const spot of report.blindSpots) {
    const unseen = spot.unseenForMs !== undefined ? `, unseen for ${formatDuration(spot.unseenForMs)}` : '';
    lines.push('', `  ${spot.bucket}  (${spot.region}${unseen})`);
    if (spot.creation)
      for (const { label, value } of describeEvidence(spot.creation, { now: new Date(report.generatedAt) }))
        lines.push(`    ${label}: ${value}`);
    lines.push(`    ${spot.prediction.summary}`);
    lines.push(`    ${spot.whatFollows}`);
  }
  const unwatched = unwatchedRegionsSentence(report.unwatchedRegions);
  if (unwatched) lines.push('', unwatched);
  for (const unknown of report.unknown) lines.push('', `Unknown: ${unknown.bucket} (${unknown.region}): ${unknown.reason}`);
  return lines.join('\n') + '\n';
}
