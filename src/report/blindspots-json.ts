import { blindSpotHeadline, describeEvidence, formatDuration, type BlindSpot, type BlindSpotReport } from '../core/blind-spot';

/**
 * The JSON shape of `tagsight blindspots --format json`: stable field names for scripts. `createdThrough` is the
 * endpoint region the CreateBucket call went to (CloudTrail `awsRegion`); `missing` the predicted missing keys.
 */
export interface BlindSpotJson {
  readonly bucket: string;
  readonly arn: string;
  readonly region: string;
  readonly createdThrough: string | null;
  readonly eventTime: string | null;
  readonly unseenSince: string | null;
  readonly unseenFor: string | null;
  readonly missing: readonly string[];
  readonly prediction: { readonly state: string; readonly summary: string; readonly sources: readonly string[] };
  readonly evidence: {
    readonly createdBy: string | null;
    readonly userAgent: string | null;
    readonly eventId: string | null;
    readonly crossRegion: boolean;
    readonly flagged: boolean;
    readonly lines: ReadonlyArray<{ label: string; value: string }>;
  } | null;
  readonly whatFollows: string;
  readonly rules: readonly string[];
}

function blindSpotToJson(spot: BlindSpot): BlindSpotJson {
  const event = spot.creation?.event;
  return {
    bucket: spot.bucket,
    arn: spot.arn,
    region: spot.region,
    createdThrough: event?.endpointRegion ?? null,
    eventTime: event?.eventTime ?? null,
    unseenSince: spot.unseenSince ?? null,
    unseenFor: spot.unseenForMs !== undefined ? formatDuration(spot.unseenForMs) : null,
    missing: spot.prediction.missing,
    prediction: { state: spot.prediction.state, summary: spot.prediction.summary, sources: spot.prediction.sources.map((s) => s.name) },
    evidence: spot.creation
      ? {
          createdBy: event?.userArn ?? event?.userName ?? null,
          userAgent: event?.userAgent ?? null,
          eventId: event?.eventId ?? null,
          crossRegion: spot.creation.crossRegion,
          flagged: spot.creation.flagged,
          lines: describeEvidence(spot.creation),
        }
      : null,
    whatFollows: spot.whatFollows,
    rules: spot.ruleNames,
  };
}

export function renderBlindSpotsJson(report: BlindSpotReport, context: { endpoint?: string } = {}): string {
  return (
    JSON.stringify(
      {
        generatedAt: report.generatedAt,
        ...(context.endpoint ? { endpoint: context.endpoint, note: 'Calls went to a custom endpoint, not AWS.' } : {}),
        complete: report.regionErrors.length === 0,
        summary: blindSpotHeadline(report),
        blindSpots: report.blindSpots.map(blindSpotToJson),
        unwatchedRegions: report.unwatchedRegions,
        unknown: report.unknown,
        regionErrors: report.regionErrors,
        crossRegionCreates: report.crossRegionCreates.map((c) => ({
          bucket: c.event.bucket,
          region: c.event.bucketRegion,
          createdThrough: c.event.endpointRegion,
          eventTime: c.event.eventTime,
          flagged: c.flagged,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
