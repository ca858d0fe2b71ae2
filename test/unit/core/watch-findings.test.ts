import assert from 'node:assert/strict';
import type { AccountScan } from '../../../src/core/account-model';
import { findBlindSpots } from '../../../src/core/blind-spot';
import { watchSnapshot } from '../../../src/core/watch-findings';
import { INCIDENT_BLIND_SPOTS, INCIDENT_SCAN } from '../report/html-report.fixture';

describe('watchSnapshot', () => {
  it('keys blind spots by bucket ARN and non-compliant resources by region, type and id', () => {
    const snapshot = watchSnapshot(INCIDENT_SCAN, INCIDENT_BLIND_SPOTS);
    assert.deepEqual(snapshot.findings.map((finding) => finding.key).sort(), [
      'blind-spot:arn:aws:s3:::rnd-transcribe-test',
      'non-compliant:eu-west-1:AWS::S3::Bucket:legacy-<logs>',
    ]);
    const spot = snapshot.findings.find((finding) => finding.kind === 'blind-spot')!;
    assert.equal(spot.region, 'ap-northeast-2');
    assert.equal(spot.taggable, true, 'untagged and required: "Add missing tags…" applies');
    assert.match(spot.message, /rnd-transcribe-test in ap-northeast-2 .*created through the us-east-1 endpoint/);
    assert.deepEqual([...snapshot.scannedRegions].sort(), ['ap-northeast-2', 'eu-west-1', 'us-east-1']);
    assert.equal(snapshot.degraded, false);
  });

  it('gives the same keys on the next scan, and one key for a resource two rules flag', () => {
    const twice: AccountScan = {
      ...INCIDENT_SCAN,
      regions: INCIDENT_SCAN.regions.map((region) => ({
        ...region,
        nonCompliant: [...region.nonCompliant, ...region.nonCompliant.map((r) => ({ ...r, ruleName: 'other-rule' }))],
      })),
    };
    const keys = watchSnapshot(twice, INCIDENT_BLIND_SPOTS).findings.map((finding) => finding.key);
    assert.equal(new Set(keys).size, keys.length);
    assert.deepEqual(
      keys.sort(),
      watchSnapshot(INCIDENT_SCAN, INCIDENT_BLIND_SPOTS)
        .findings.map((finding) => finding.key)
        .sort(),
    );
  });

  it('leaves a region with errors out of the clean reads, and backs off only for transient errors', () => {
    const withErrors = (kind: 'throttled' | 'access-denied'): AccountScan => ({
      ...INCIDENT_SCAN,
      regions: INCIDENT_SCAN.regions.map((region) =>
        region.region === 'eu-west-1' ? { ...region, errors: [{ part: 'compliance', kind, message: kind }] } : region,
      ),
    });
    const throttled = watchSnapshot(withErrors('throttled'), INCIDENT_BLIND_SPOTS);
    assert.ok(!throttled.scannedRegions.includes('eu-west-1'));
    assert.equal(throttled.degraded, true);
    const denied = watchSnapshot(withErrors('access-denied'), INCIDENT_BLIND_SPOTS);
    assert.ok(!denied.scannedRegions.includes('eu-west-1'));
    assert.equal(denied.degraded, false, 'waiting longer does not grant a permission');
  });

  it('classifies a bucket in a region without a recorder as unwatched, as `tagsight blindspots` does, not as a blind spot', () => {
    const report = findBlindSpots({
      now: new Date('2026-11-27T10:00:05.000Z'),
      buckets: [
        { name: 'east-new', region: 'us-east-1' },
        { name: 'seoul-new', region: 'ap-northeast-2' },
      ],
      regions: [
        { region: 'us-east-1', state: 'not-recording', reason: 'no-recorder' },
        { region: 'ap-northeast-2', state: 'recording', discoveredBuckets: new Set() },
      ],
      createEvents: [],
      tags: new Map(),
      rules: [],
    });
    assert.deepEqual(
      report.unwatchedRegions.map((r) => [r.region, r.buckets]),
      [['us-east-1', ['east-new']]],
    );
    assert.deepEqual(
      report.blindSpots.map((spot) => spot.bucket),
      ['seoul-new'],
    );
    const findings = watchSnapshot(INCIDENT_SCAN, report).findings;
    const unwatched = findings.find((f) => f.resource === 'east-new');
    assert.equal(unwatched?.kind, 'unwatched');
    assert.equal(unwatched.key, 'blind-spot:arn:aws:s3:::east-new', 'one key per bucket, whatever its kind');
    assert.equal(unwatched.region, 'us-east-1');
    assert.match(unwatched.message, /^New unwatched bucket: east-new is in us-east-1, which no Config recorder watches/);
    assert.equal(findings.find((f) => f.resource === 'seoul-new')?.kind, 'blind-spot');
  });
});
