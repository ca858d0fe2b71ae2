import type { DeliveryChannel, Recorder, RegionOptStatus } from './account-model';
import { errorKindLabel, type ScanError } from './scan-error';
import { plural } from './wording';

/**
 * The coverage verdict of one region, in plain words: would AWS Config see a change made through this region's
 * endpoint, and how soon? Pure: computed from what the scan read, so the conformance cases can feed it directly.
 *
 * Compared with Prowler and Steampipe (test/conformance/config-coverage.test.ts), Tagsight deliberately says
 * more: daily recording ("changes can take up to 24 h"), resource types left out of the recording group, and
 * service-linked recorders; and it never mutes a region, because the incident happened outside the home region.
 */
export type CoverageVerdictKind =
  | 'recorded'
  | 'recorded-daily'
  | 'partially-recorded'
  | 'recorder-failing'
  | 'not-recorded'
  | 'region-disabled'
  | 'scan-failed'
  | 'cancelled';

/** `problem`: changes here may go unseen; `warning`: seen, but late or partly; `unknown`: not read. */
export type CoverageLevel = 'ok' | 'warning' | 'problem' | 'unknown' | 'inactive';

export interface CoverageVerdict {
  readonly kind: CoverageVerdictKind;
  readonly level: CoverageLevel;
  /**
   * The verdict in a few words, the same wherever it is shown ("not recorded", "recorded daily", "recorder
   * stopped"): a tree item's description, the status bar, the map legend use these words.
   */
  readonly headline: string;
  /** Why, or what it means, when the headline alone does not say it; one clause. */
  readonly explanation?: string;
  /** `headline: explanation`, one line: a table cell, a CLI line, a tooltip's first line. */
  readonly summary: string;
  /** Further facts, one sentence each. */
  readonly details: readonly string[];
  /** Types the active recorders leave out (exclusions), or undefined when they record all supported types. */
  readonly typesOut?: readonly string[];
  /** Under inclusion: the only types recorded. */
  readonly onlyTypes?: readonly string[];
  /** Types recorded once a day (the recorder's mode or an override). */
  readonly dailyTypes?: readonly string[] | 'all';
}

export interface CoverageInput {
  readonly optStatus: RegionOptStatus;
  readonly recorders: readonly Recorder[];
  readonly deliveryChannels: readonly DeliveryChannel[];
  /** Set when the recorders could not be read. */
  readonly failure?: ScanError;
  readonly cancelled?: boolean;
}

/**
 * The issue's own words, made exact: Config here records nothing (certain, no recorder); that Config in a bucket's
 * home region also misses a cross-region create until its sweep is inferred, not documented (docs/aws-behaviour.md#config-discovery).
 */
export const NOT_RECORDED = 'not recorded';
export const NOT_RECORDED_EXPLANATION =
  "a call sent to this region's endpoint is invisible to Config here, and likely elsewhere until a periodic sweep";

type VerdictFields = Omit<CoverageVerdict, 'summary'>;

/** Every verdict is built here, so the summary always starts with the headline the views show. */
function verdict(fields: VerdictFields): CoverageVerdict {
  return { ...fields, summary: fields.explanation ? `${fields.headline}: ${fields.explanation}` : fields.headline };
}

const LEVEL_ORDER: Readonly<Record<CoverageVerdictKind, number>> = {
  'not-recorded': 0,
  'recorder-failing': 1,
  'scan-failed': 2,
  'partially-recorded': 3,
  'recorded-daily': 4,
  recorded: 5,
  cancelled: 6,
  'region-disabled': 7,
};

/** Sort key: problems first, disabled regions last. */
export function verdictRank(kind: CoverageVerdictKind): number {
  return LEVEL_ORDER[kind];
}

function upper(value: string | undefined): string | undefined {
  return value?.toUpperCase().replace(/\s.*$/, '');
}

function isFailing(recorder: Recorder): boolean {
  return upper(recorder.status?.lastStatus) === 'FAILURE';
}

export function isActive(recorder: Recorder): boolean {
  return recorder.status?.recording === true && !isFailing(recorder);
}

function listTypes(types: readonly string[], max = 3): string {
  const shown = types.slice(0, max).join(', ');
  return types.length > max ? `${shown} and ${types.length - max} more` : shown;
}

function recorderLabel(recorder: Recorder): string {
  return recorder.servicePrincipal
    ? `service-linked recorder ${recorder.name} (${recorder.servicePrincipal})`
    : `recorder ${recorder.name}`;
}

export function coverageVerdict(input: CoverageInput): CoverageVerdict {
  if (input.optStatus === 'DISABLED' || input.optStatus === 'DISABLING') {
    return verdict({
      kind: 'region-disabled',
      level: 'inactive',
      headline: 'region disabled',
      details: ['The region is not enabled for this account: nothing can be created here, and Tagsight does not call it.'],
    });
  }
  if (input.cancelled)
    return verdict({ kind: 'cancelled', level: 'unknown', headline: 'not scanned', explanation: 'cancelled', details: [] });
  if (input.failure) {
    // Only a region that rejected its very first call is likely disabled; one that answered before is not.
    if (input.failure.kind === 'region-disabled' && input.recorders.length === 0) {
      return verdict({
        kind: 'region-disabled',
        level: 'inactive',
        headline: 'region disabled (likely)',
        details: [input.failure.message],
      });
    }
    return verdict({
      kind: 'scan-failed',
      level: 'unknown',
      headline: `scan failed: ${errorKindLabel(input.failure.kind)}`,
      details: [input.failure.message],
    });
  }
  const details: string[] = [];
  if (input.recorders.length === 0) {
    return verdict({
      kind: 'not-recorded',
      level: 'problem',
      headline: NOT_RECORDED,
      explanation: NOT_RECORDED_EXPLANATION,
      details: ['No configuration recorder exists in this region, so no REQUIRED_TAGS rule here ever sees a resource created through it.'],
    });
  }

  const active = input.recorders.filter(isActive);
  if (active.length === 0) {
    const failing = input.recorders.find((recorder) => recorder.status?.recording && isFailing(recorder));
    if (failing) {
      const code = failing.status?.lastErrorCode;
      return verdict({
        kind: 'recorder-failing',
        level: 'problem',
        headline: `recorder failing${code ? ` (${code})` : ''}`,
        explanation: 'changes may go unseen',
        details: [
          `The ${recorderLabel(failing)} is on but its last recording failed${failing.status?.lastErrorMessage ? `: ${failing.status.lastErrorMessage}` : '.'}`,
        ],
      });
    }
    const unknown = input.recorders.every((recorder) => recorder.status === undefined);
    return verdict({
      kind: 'recorder-failing',
      level: 'problem',
      headline: unknown ? 'recorder status unknown' : 'recorder stopped',
      explanation: unknown ? 'treated as stopped' : 'Config records nothing here until it is started',
      details: input.recorders.map((recorder) => `The ${recorderLabel(recorder)} is ${recorder.status ? 'stopped' : 'of unknown status'}.`),
    });
  }

  // Coverage is the union of what the active recorders record; service-linked recorders record only the types
  // their service needs, so a region with only those is partly recorded at best.
  const allTypes = active.find(
    (recorder) =>
      recorder.recordingGroup &&
      (recorder.recordingGroup.strategy === 'ALL_SUPPORTED_RESOURCE_TYPES' || recorder.recordingGroup.allSupported),
  );
  let typesOut: string[] | undefined;
  let onlyTypes: string[] | undefined;
  let headline: string;
  /** Clauses of the explanation, joined with "; ". */
  const why: string[] = [];
  let kind: CoverageVerdictKind;
  const coveringRecorder = allTypes ?? active[0]!;
  if (allTypes) {
    kind = 'recorded';
    headline = 'recorded';
  } else if (active.every((recorder) => !recorder.recordingGroup)) {
    // The recorder answered its status but not its settings (it changed between the two calls).
    kind = 'recorded';
    headline = 'recorded (types unknown)';
    details.push('The recorder is on, but its recording group could not be read.');
  } else {
    const exclusion = active.filter((recorder) => recorder.recordingGroup?.strategy === 'EXCLUSION_BY_RESOURCE_TYPES');
    if (exclusion.length > 0) {
      // Several exclusion recorders: a type is out only when every one of them leaves it out.
      const sets = exclusion.map((recorder) => new Set(recorder.recordingGroup!.excludedResourceTypes));
      typesOut = [...sets[0]!].filter((type) => sets.every((set) => set.has(type))).sort();
      kind = typesOut.length > 0 ? 'partially-recorded' : 'recorded';
      headline = typesOut.length > 0 ? 'partially recorded' : 'recorded';
      if (typesOut.length > 0) why.push(`${listTypes(typesOut)} not recorded`);
    } else {
      onlyTypes = [...new Set(active.flatMap((recorder) => recorder.recordingGroup?.resourceTypes ?? []))].sort();
      kind = 'partially-recorded';
      headline = 'partially recorded';
      why.push(
        onlyTypes.length > 0
          ? `only ${plural(onlyTypes.length, 'type')} recorded (${listTypes(onlyTypes)})`
          : 'the recording group lists no types',
      );
    }
    if (active.every((recorder) => recorder.servicePrincipal)) {
      details.push(`Only service-linked recorders are active: ${active.map((recorder) => recorder.servicePrincipal).join(', ')}.`);
    }
  }

  let dailyTypes: readonly string[] | 'all' | undefined;
  const mode = coveringRecorder.recordingMode;
  if (mode?.frequency === 'DAILY') {
    const continuous = mode.overrides
      .filter((override) => override.frequency === 'CONTINUOUS')
      .flatMap((override) => override.resourceTypes);
    dailyTypes = 'all';
    if (kind === 'recorded') {
      kind = 'recorded-daily';
      headline = 'recorded daily';
      why.push('changes can take up to 24 h to show');
    } else {
      headline += ', daily';
      why.push('changes can take up to 24 h');
    }
    details.push(
      `Recording mode is daily${continuous.length ? ` (continuous for ${listTypes(continuous)})` : ''}: Config records the state once a day, so a change can take up to 24 h to be evaluated.`,
    );
  } else if (mode) {
    const daily = mode.overrides.filter((override) => override.frequency === 'DAILY').flatMap((override) => override.resourceTypes);
    if (daily.length > 0) {
      dailyTypes = daily;
      if (kind === 'recorded') headline += ' (some types daily)';
      why.push(`${listTypes(daily)} daily`);
      details.push(`Recorded daily (up to 24 h late): ${daily.join(', ')}.`);
    }
  }

  if (typesOut?.length) details.push(`Left out of recording: ${typesOut.join(', ')}.`);
  if (onlyTypes?.length) details.push(`Only these types are recorded: ${onlyTypes.join(', ')}.`);
  if (coveringRecorder.recordingGroup && !coveringRecorder.recordingGroup.includeGlobalResourceTypes && allTypes) {
    details.push('Global IAM types are not recorded here (usually recorded in one region only).');
  }
  if (upper(coveringRecorder.status?.lastStatus) === 'PENDING') details.push('The last recording is still pending.');
  const channel = input.deliveryChannels[0];
  if (!channel) details.push('No delivery channel: configuration history is not delivered to S3.');
  else if (upper(channel.lastStatus) === 'FAILURE')
    details.push(
      `Delivery to ${channel.s3BucketName ?? channel.name} is failing${channel.lastErrorCode ? ` (${channel.lastErrorCode})` : ''}.`,
    );
  const stopped = input.recorders.filter((recorder) => !isActive(recorder));
  for (const recorder of stopped) details.push(`The ${recorderLabel(recorder)} is ${isFailing(recorder) ? 'failing' : 'stopped'}.`);

  const level: CoverageLevel =
    kind === 'recorded' && dailyTypes === undefined && active.some((recorder) => recorder.recordingGroup) ? 'ok' : 'warning';
  return verdict({ kind, level, headline, explanation: why.join('; ') || undefined, details, typesOut, onlyTypes, dailyTypes });
}
