/**
 * Blind spots: the pure decision on a large account, and the whole check (ListBuckets, one inventory and one
 * CloudTrail lookup per region at 2 requests/s, tags of each candidate) against the emulator with 50 ms latency.
 */
import { AwsClientFactory } from '../../src/aws/clients';
import { scanBlindSpots } from '../../src/aws/s3-blind-spot-scan';
import { findBlindSpots, type BucketLocation, type RegionWatch } from '../../src/core/blind-spot';
import { parseCreateBucketEvent, type CreateBucketEvent } from '../../src/core/cloudtrail-event';
import { startEmulator, type Scenario } from '../../src/emulator';
import { medianMs, type BenchRow } from './bench';

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1'];

function pureInput(bucketCount: number) {
  const buckets: BucketLocation[] = [];
  const events: CreateBucketEvent[] = [];
  const discovered = new Map(REGIONS.map((region) => [region, new Set<string>()]));
  for (let i = 0; i < bucketCount; i++) {
    const region = REGIONS[i % REGIONS.length]!;
    const name = `bucket-${i}`;
    buckets.push({ name, region, creationDate: '2026-11-01T00:00:00Z' });
    if (i % 100 !== 0) discovered.get(region)!.add(name);
    events.push(
      parseCreateBucketEvent({
        eventName: 'CreateBucket',
        eventTime: '2026-11-20T00:00:00Z',
        awsRegion: i % 3 === 0 ? 'us-east-1' : region,
        requestParameters: { bucketName: name, CreateBucketConfiguration: { LocationConstraint: region } },
      })!,
    );
  }
  const regions: RegionWatch[] = REGIONS.map((region) => ({ region, state: 'recording', discoveredBuckets: discovered.get(region)! }));
  return { buckets, events, regions };
}

function scenario(now: Date, buckets: number): Scenario {
  const at = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
  return {
    accountId: '111122223333',
    regions: REGIONS.map((name) => ({ name, optInStatus: 'ENABLED_BY_DEFAULT' as const })),
    recorders: REGIONS.filter((region) => region !== 'us-east-1').map((region) => ({
      region,
      recordingGroup: {
        allSupported: true,
        includeGlobalResourceTypes: false,
        recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' as const },
      },
      status: { recording: true, lastStatus: 'SUCCESS' as const },
    })),
    buckets: Array.from({ length: buckets }, (_, i) => ({
      name: `old-bucket-${i}`,
      region: REGIONS[i % REGIONS.length]!,
      tags: { Service: 'x' },
      createdAt: at(24 * 30),
    })),
    bucketCreations: Array.from({ length: 100 }, (_, i) => ({
      bucket: `new-bucket-${i}`,
      endpointRegion: i % 10 === 0 ? 'us-east-1' : REGIONS[1 + (i % (REGIONS.length - 1))]!,
      locationConstraint: REGIONS[1 + (i % (REGIONS.length - 1))]!,
      at: at(2),
    })),
  };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const input = pureInput(10_000);
  const pure = await medianMs(5, () =>
    findBlindSpots({
      now: new Date('2026-11-27T00:00:00Z'),
      buckets: input.buckets,
      regions: input.regions,
      createEvents: input.events,
      tags: new Map(),
      rules: [],
    }),
  );
  rows.push({
    name: 'blind spots: decide (pure)',
    timeMs: pure,
    notes: '10,000 buckets, 10,000 CreateBucket events, 8 regions; median of 5',
  });

  const emulator = await startEmulator({ scenario: scenario(new Date(), 500), latencyMs: 50 });
  const factory = new AwsClientFactory(
    { endpointUrl: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'b', secretAccessKey: 'b' } },
    { version: 'bench' },
  );
  try {
    const start = process.hrtime.bigint();
    const report = await scanBlindSpots(factory, {
      regions: REGIONS,
      notRecording: new Map([['us-east-1', 'no-recorder']]),
      rules: [],
      now: new Date(),
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const calls = emulator.calls().reduce((sum, call) => sum + call.count, 0);
    rows.push({
      name: 'blind spots: whole check over HTTP',
      timeMs: ms,
      notes: `600 buckets, 8 regions, 50 ms latency, ${calls} calls, ${report.blindSpots.length} blind spots; one run`,
    });
  } finally {
    factory.destroy();
    await emulator.close();
  }
  return rows;
}
