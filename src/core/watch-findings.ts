import type { AccountScan } from './account-model';
import type { BlindSpotReport } from './blind-spot';
import { BUCKET_RESOURCE_TYPE, bucketArn } from './bucket-region';
import type { ScanErrorKind } from './scan-error';
import type { WatchFinding, WatchSnapshot } from './watch';

/**
 * What the watch compares between two looks at an account: its blind spots (buckets Config has not seen), the
 * buckets in regions no recorder watches (kept apart, as `tagsight blindspots` keeps them) and the resources
 * REQUIRED_TAGS rules find non-compliant, each under a key that stays the same from one scan to the next.
 */

/** Failures worth waiting longer for; a denied permission or a disabled region will not heal by waiting. */
const TRANSIENT: ReadonlySet<ScanErrorKind> = new Set(['throttled', 'network', 'server-error']);

function blindSpotKey(bucketArn: string): string {
  return `blind-spot:${bucketArn}`;
}

function nonCompliantKey(region: string, resourceType: string, resourceId: string): string {
  return `non-compliant:${region}:${resourceType}:${resourceId}`;
}

export function watchSnapshot(scan: AccountScan, blindSpots?: BlindSpotReport): WatchSnapshot {
  const findings: WatchFinding[] = [];
  for (const spot of blindSpots?.blindSpots ?? []) {
    const via = spot.creation?.crossRegion ? ` (created through the ${spot.creation.event.endpointRegion} endpoint)` : '';
    findings.push({
      key: blindSpotKey(spot.arn),
      kind: 'blind-spot',
      region: spot.region,
      resource: spot.bucket,
      resourceType: spot.resourceType,
      message: `New blind spot: bucket ${spot.bucket} in ${spot.region} is not seen by AWS Config${via}. ${spot.prediction.summary}`,
      taggable: spot.prediction.state === 'predicted-non-compliant',
    });
  }
  for (const region of blindSpots?.unwatchedRegions ?? []) {
    for (const bucket of region.buckets) {
      findings.push({
        key: blindSpotKey(bucketArn(bucket)),
        kind: 'unwatched',
        region: region.region,
        resource: bucket,
        resourceType: BUCKET_RESOURCE_TYPE,
        message: `New unwatched bucket: ${bucket} is in ${region.region}, which no Config recorder watches: no rule checks its tags.`,
      });
    }
  }
  const seen = new Set<string>();
  for (const region of scan.regions) {
    for (const resource of region.nonCompliant) {
      const key = nonCompliantKey(resource.region, resource.resourceType, resource.resourceId);
      // One resource broken against two rules is one thing to fix.
      if (seen.has(key)) continue;
      seen.add(key);
      const missing = resource.missingKeys === 'unknown' ? 'required tags' : resource.missingKeys.join(', ');
      findings.push({
        key,
        kind: 'non-compliant',
        region: resource.region,
        resource: resource.resourceId,
        resourceType: resource.resourceType,
        message: `New non-compliant resource: ${resource.resourceId} (${resource.resourceType}) in ${resource.region} lacks ${missing} (rule ${resource.ruleName}).`,
        taggable: true,
      });
    }
  }

  const unreadBlindSpotRegions = new Set([
    ...(blindSpots?.regionErrors ?? []).filter((error) => error.service === 'config').map((error) => error.region),
    ...(blindSpots?.unknown ?? []).map((item) => item.region),
  ]);
  const scannedRegions = scan.regions
    .filter((region) => region.state === 'scanned' && region.errors.length === 0 && !unreadBlindSpotRegions.has(region.region))
    .map((region) => region.region);
  const errorKinds = [
    ...(scan.error ? [scan.error.kind] : []),
    ...(scan.accountErrors ?? []).map((error) => error.kind),
    ...scan.regions.flatMap((region) => region.errors.map((error) => error.kind)),
  ];
  const blindSpotMessages = (blindSpots?.regionErrors ?? []).map((error) => error.message);
  const degraded =
    errorKinds.some((kind) => TRANSIENT.has(kind)) || blindSpotMessages.some((message) => /throttl|rate exceeded|slow down/i.test(message));
  return { findings, scannedRegions, degraded };
}
