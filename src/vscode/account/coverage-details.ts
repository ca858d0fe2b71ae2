import { formatWhen } from '../../core/when';
import type { AccountScan, DeliveryChannel, Recorder, RegionScan } from '../../core/account-model';
import type { BlindSpotReport } from '../../core/blind-spot';
import { isActive } from '../../core/coverage';
import { regionDisplayName } from '../../core/regions';
import { errorKindLabel } from '../../core/scan-error';
import { plural } from '../../core/wording';
import type { ErrorNode } from '../common/status-nodes';

/**
 * What the Coverage view says about a region and the account, in words: no `vscode` import, so the unit tests
 * read exactly the text the tree shows. AWS values (TwentyFour_Hours, SUCCESS) never show raw; times show in the
 * locale format with the ISO time in the tooltip.
 */
export type DetailNode = {
  readonly kind: 'detail';
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon?: string;
};

/** One time format for the whole tree: the locale's, as the account's "Scanned" line has always shown it. */
export function formatTime(iso: string): string {
  return formatWhen(iso, { now: new Date() });
}

/** "27/11/2026, 08:30:40 (2026-11-27T08:30:40.000Z)": for tooltips, where the exact time fits. */
export function formatTimeWithIso(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${formatWhen(date, { now: new Date() })} (${date.toISOString()})`;
}

/** Blind spots are buckets Config has not discovered: the region row counts those whose bucket lives there. */
export interface RegionExtras {
  readonly blindSpots?: readonly string[];
  /** "1 non-compliant, 1 blind spot": the counts every surface shows for the region (report/account-summary). */
  readonly found?: string;
}

/**
 * The blind spots that belong to the shown scan: the check runs after each scan, so a report older than the scan
 * is the previous scan's (maybe another account's) and shows nowhere.
 */
export function blindSpotsOfScan(scan: AccountScan | undefined, report: BlindSpotReport | undefined): BlindSpotReport | undefined {
  if (!scan || !report) return undefined;
  return Date.parse(report.generatedAt) >= Date.parse(scan.finishedAt) ? report : undefined;
}

/** Bucket names of the blind spots in each region. */
export function blindSpotBuckets(report: BlindSpotReport | undefined): Map<string, string[]> {
  const buckets = new Map<string, string[]>();
  for (const spot of report?.blindSpots ?? []) buckets.set(spot.region, [...(buckets.get(spot.region) ?? []), spot.bucket]);
  return buckets;
}

/** The row's one line: the short verdict, then what else needs a look. */
export function regionDescription(region: RegionScan, extras: RegionExtras = {}): string {
  const parts = [region.verdict.headline];
  if (extras.found) parts.push(extras.found);
  if (region.errors.length && region.verdict.kind !== 'scan-failed') parts.push(`${plural(region.errors.length, 'part')} unreadable`);
  return parts.join(' · ');
}

/** The row's tooltip as Markdown: the region's name, the full verdict and every fact behind it. */
export function regionTooltipMarkdown(region: RegionScan, extras: RegionExtras = {}): string {
  const verdict = region.verdict;
  const lines = [
    `**${regionDisplayName(region.region)}** (\`${region.region}\`)`,
    `**${escapeMarkdown(verdict.headline)}**${verdict.explanation ? `: ${escapeMarkdown(verdict.explanation)}` : ''}`,
  ];
  const bullets = [...verdict.details, ...(extras.blindSpots?.length ? [blindSpotsSentence(extras.blindSpots)] : [])];
  return [...lines, ...bullets.map((line) => `- ${escapeMarkdown(line)}`)].join('\n\n');
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|]/g, '\\$&');
}

function blindSpotsSentence(buckets: readonly string[]): string {
  return `${plural(buckets.length, 'bucket')} here that Config has not discovered (blind ${buckets.length === 1 ? 'spot' : 'spots'}): ${buckets.join(', ')}.`;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "TwentyFour_Hours" → "every 24 hours" (DescribeDeliveryChannels' deliveryFrequency). */
const FREQUENCIES: Readonly<Record<string, string>> = {
  ONE_HOUR: 'every hour',
  THREE_HOURS: 'every 3 hours',
  SIX_HOURS: 'every 6 hours',
  TWELVE_HOURS: 'every 12 hours',
  TWENTYFOUR_HOURS: 'every 24 hours',
};

export function deliveryFrequencyText(frequency: string): string {
  return FREQUENCIES[frequency.toUpperCase()] ?? frequency.replace(/_/g, ' ').toLowerCase();
}

/** An API status word in lower case: "NOT_APPLICABLE" → "not applicable". */
function words(value: string): string {
  return value.replace(/_/g, ' ').toLowerCase();
}

function describeRecording(recorder: Recorder): string {
  const group = recorder.recordingGroup;
  if (!group) return 'unknown';
  if (group.strategy === 'EXCLUSION_BY_RESOURCE_TYPES')
    return `all supported types except ${group.excludedResourceTypes.length}: ${group.excludedResourceTypes.join(', ')}`;
  if (group.strategy === 'INCLUSION_BY_RESOURCE_TYPES')
    return `only ${plural(group.resourceTypes.length, 'type')}: ${group.resourceTypes.join(', ')}`;
  return `all supported types${group.includeGlobalResourceTypes ? ', with global IAM types' : ''}`;
}

function describeMode(recorder: Recorder): string {
  const mode = recorder.recordingMode;
  if (!mode) return 'unknown';
  const overrides = mode.overrides.map(
    (override) => `${override.frequency === 'DAILY' ? 'daily' : 'continuous'} for ${override.resourceTypes.join(', ')}`,
  );
  return [mode.frequency === 'DAILY' ? 'daily (up to 24 h late)' : 'continuous', ...overrides].join('; ');
}

/**
 * "recording · succeeding since <time>", "recording, but failing since <time> (AccessDenied)", "stopped since
 * <time>". lastStatusChangeTime is when the status last changed, so "since", never "at".
 */
export function describeRecorderStatus(recorder: Recorder, time: (iso: string) => string = formatTime): string {
  const status = recorder.status;
  if (!status) return 'unknown';
  const last = status.lastStatus?.toUpperCase();
  const since = status.lastStatusChangeTime ? ` since ${time(status.lastStatusChangeTime)}` : '';
  const code = status.lastErrorCode ? ` (${status.lastErrorCode})` : '';
  if (status.recording && last === 'FAILURE') return `recording, but failing${since}${code}`;
  if (status.recording) {
    if (last === 'SUCCESS') return `recording · succeeding${since}`;
    if (last === 'PENDING') return `recording · first recording pending${since}`;
    return last && last !== 'NOT_APPLICABLE' ? `recording · last status: ${words(last)}${since}` : 'recording';
  }
  const stopped = `stopped${status.lastStopTime ? ` since ${time(status.lastStopTime)}` : ''}`;
  return last === 'FAILURE' ? `${stopped} · last status: failure${code}` : stopped;
}

/** "succeeded at <time>", "failed (AccessDenied)": the last configuration history delivery. */
export function describeDelivery(channel: DeliveryChannel, time: (iso: string) => string = formatTime): string | undefined {
  const last = channel.lastStatus?.toUpperCase();
  if (last === 'SUCCESS') return `succeeded${channel.lastSuccessfulTime ? ` at ${time(channel.lastSuccessfulTime)}` : ''}`;
  if (last === 'FAILURE') {
    return `failed${channel.lastErrorCode ? ` (${channel.lastErrorCode})` : ''}${channel.lastSuccessfulTime ? `; last success ${time(channel.lastSuccessfulTime)}` : ''}`;
  }
  if (last === 'NOT_APPLICABLE' || !last) return undefined;
  return `last status: ${words(last)}`;
}

/**
 * A region's children: first why the verdict says what it says (the row shows only its headline), then the
 * facts it rests on, then its errors (each with Show Log).
 */
export function regionDetails(region: RegionScan, extras: RegionExtras = {}): Array<DetailNode | ErrorNode> {
  const id = region.region;
  const nodes: Array<DetailNode | ErrorNode> = [];
  const detail = (key: string, label: string, description: string | undefined, icon: string, tooltip?: string) =>
    nodes.push({
      kind: 'detail',
      id: `${id}:${key}`,
      label,
      description,
      icon,
      tooltip: tooltip ?? (description ? `${label}: ${description}` : label),
    });
  if (region.verdict.explanation) {
    const why = `${sentence(region.verdict.explanation)}.`;
    detail(
      'why',
      why,
      undefined,
      region.verdict.level === 'problem' ? 'warning' : 'info',
      `${sentence(region.verdict.headline)}: ${region.verdict.explanation}.`,
    );
  }
  detail('name', 'Region', regionDisplayName(region.region), 'globe');
  if (extras.blindSpots?.length) {
    detail('blind-spots', 'Blind spots', extras.blindSpots.join(', '), 'eye-closed', blindSpotsSentence(extras.blindSpots));
  }
  if (region.state === 'disabled' || region.state === 'cancelled') {
    for (const [index, line] of region.verdict.details.entries()) detail(`verdict:${index}`, 'Note', line, 'info', line);
    return nodes;
  }
  if (region.state !== 'failed') {
    detail(
      'recorders',
      'Recorders',
      region.recorders.length === 0
        ? 'none'
        : region.recorders.map((recorder) => (recorder.servicePrincipal ? `${recorder.name} (service-linked)` : recorder.name)).join(', '),
      'record',
    );
  }
  for (const recorder of region.recorders) {
    const prefix = region.recorders.length > 1 ? `${recorder.name}: ` : '';
    detail(`recording:${recorder.name}`, `${prefix}Records`, describeRecording(recorder), 'checklist');
    detail(`mode:${recorder.name}`, `${prefix}Mode`, describeMode(recorder), 'clock');
    const message = recorder.status?.lastErrorMessage;
    detail(
      `status:${recorder.name}`,
      `${prefix}Status`,
      describeRecorderStatus(recorder),
      isActive(recorder) ? 'pass' : 'warning',
      `Status: ${describeRecorderStatus(recorder, formatTimeWithIso)}${message ? `\n${message}` : ''}`,
    );
  }
  if (region.recorders.length > 0 && !region.errors.some((error) => error.part === 'delivery-channels')) {
    const channel = region.deliveryChannels[0];
    const where = channel ? (channel.s3BucketName ? `s3://${channel.s3BucketName}` : channel.name) : 'none';
    detail('channel', 'Delivery channel', where, 'mail');
    if (channel?.deliveryFrequency) detail('snapshots', 'Snapshots', deliveryFrequencyText(channel.deliveryFrequency), 'calendar');
    const delivery = channel && describeDelivery(channel);
    if (channel && delivery) {
      const failed = channel.lastStatus?.toUpperCase() === 'FAILURE';
      detail(
        'delivery',
        'Last delivery',
        delivery,
        failed ? 'warning' : 'pass',
        `Last delivery: ${describeDelivery(channel, formatTimeWithIso)}${failed && channel.lastErrorMessage ? `\n${channel.lastErrorMessage}` : ''}`,
      );
    }
  }
  if (!region.errors.some((error) => error.part === 'rules') && region.state !== 'failed') {
    const requiredTags = region.rules.filter((rule) => rule.isRequiredTags);
    const keys = requiredTags.map(
      (rule) => `${rule.name} (${rule.requiredTags.map((tag) => tag.key).join(', ') || rule.parameterProblem})`,
    );
    detail(
      'rules',
      'Rules',
      region.rules.length === 0
        ? 'none'
        : `${requiredTags.length} REQUIRED_TAGS${keys.length ? `: ${keys.join('; ')}` : ''}${region.rules.length > requiredTags.length ? `, ${region.rules.length - requiredTags.length} other` : ''}`,
      'law',
    );
    detail('findings', 'Non-compliant', plural(region.nonCompliant.length, 'resource'), region.nonCompliant.length ? 'warning' : 'pass');
  }
  for (const [index, line] of region.verdict.details.entries()) detail(`verdict:${index}`, 'Note', line, 'info', line);
  for (const [index, error] of region.errors.entries()) {
    nodes.push({
      kind: 'error',
      id: `${id}:error:${index}`,
      label: `${error.part}${error.ruleName ? ` (${error.ruleName})` : ''}: ${errorKindLabel(error.kind)}`,
      error,
    });
  }
  return nodes;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Where calls go when not to AWS: "local endpoint http://127.0.0.1:4566" or "not AWS: https://minio.example". */
export function endpointPhrase(endpoint: string): string {
  let host: string | undefined;
  try {
    host = new URL(endpoint).hostname;
  } catch {
    host = undefined;
  }
  return host !== undefined && LOOPBACK.has(host) ? `local endpoint ${endpoint}` : `not AWS: ${endpoint}`;
}

/** The account row's description: who is connected and, when calls do not go to AWS, where they go. */
export function accountDescription(connectionLabel: string, endpoint: string | undefined): string {
  return endpoint ? `${connectionLabel} · ${endpointPhrase(endpoint)}` : connectionLabel;
}

export function accountTooltip(connectionLabel: string, endpoint: string | undefined): string {
  return endpoint ? `${sentence(connectionLabel)}\nCalls go to ${endpoint}, not to AWS.` : sentence(connectionLabel);
}
