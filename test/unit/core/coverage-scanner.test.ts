import * as assert from 'node:assert/strict';
import type { RawConfigRule } from '../../../src/core/account-rules';
import type { RecorderSummary, RegionOptIn } from '../../../src/core/account-model';
import type { EvaluationResult, RegionConfigPort, ScanPorts } from '../../../src/core/account-scan/ports';
import { scanAccount } from '../../../src/core/account-scan/scan-account';
import { createScanLimiter } from '../../../src/core/scan-limiter';
import { classifyError } from '../../../src/core/scan-error';

const clock = { now: () => new Date('2026-01-01T00:00:00Z') };

class StubError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = code;
  }
}

interface RegionStub {
  recorders?: RecorderSummary[];
  rules?: RawConfigRule[];
  results?: Record<string, EvaluationResult[]>;
  failOn?: Record<string, string>;
}

/** Ports over plain data that count calls and in-flight calls; every call yields to the event loop first. */
function stubPorts(regions: Record<string, RegionStub>, options: { listRegions?: RegionOptIn[] | 'denied'; identityError?: string } = {}) {
  const calls: string[] = [];
  let inFlight = 0;
  let peak = 0;
  const record = async <T>(name: string, region: string, failOn: Record<string, string> | undefined, value: () => T): Promise<T> => {
    calls.push(`${region}:${name}`);
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    inFlight--;
    const code = failOn?.[name];
    if (code) throw new StubError(code);
    return value();
  };
  async function* paged<T>(name: string, region: string, failOn: Record<string, string> | undefined, items: T[], size: number) {
    for (let start = 0; start === 0 || start < items.length; start += size) {
      yield await record(name, region, failOn, () => items.slice(start, start + size));
    }
  }
  const ports: ScanPorts = {
    homeRegion: 'us-east-1',
    identity: () =>
      record('GetCallerIdentity', 'us-east-1', options.identityError ? { GetCallerIdentity: options.identityError } : undefined, () => ({
        accountId: '123456789012',
      })),
    listRegions: () => {
      const list = options.listRegions ?? Object.keys(regions).map((region) => ({ region, status: 'ENABLED_BY_DEFAULT' as const }));
      return paged(
        'ListRegions',
        'us-east-1',
        list === 'denied' ? { ListRegions: 'AccessDeniedException' } : undefined,
        list === 'denied' ? [] : list,
        50,
      );
    },
    region(region): RegionConfigPort {
      const stub = regions[region] ?? {};
      return {
        listRecorders: () => paged('ListConfigurationRecorders', region, stub.failOn, stub.recorders ?? [], 20),
        describeRecorder: (summary) =>
          record('DescribeConfigurationRecorders', region, stub.failOn, () => ({
            ...summary,
            recordingGroup: {
              strategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
              allSupported: true,
              includeGlobalResourceTypes: false,
              resourceTypes: [],
              excludedResourceTypes: [],
            },
            recordingMode: { frequency: 'CONTINUOUS', overrides: [] },
          })),
        describeRecorderStatus: () =>
          record('DescribeConfigurationRecorderStatus', region, stub.failOn, () => ({ recording: true, lastStatus: 'SUCCESS' })),
        describeDeliveryChannels: () =>
          record('DescribeDeliveryChannels', region, stub.failOn, () => [{ name: 'default', s3BucketName: 'b' }]),
        describeDeliveryChannelStatus: () =>
          record('DescribeDeliveryChannelStatus', region, stub.failOn, () => [{ name: 'default', lastStatus: 'SUCCESS' }]),
        describeRules: () => paged('DescribeConfigRules', region, stub.failOn, stub.rules ?? [], 25),
        nonCompliantResults: (ruleName) =>
          paged('GetComplianceDetailsByConfigRule', region, stub.failOn, stub.results?.[ruleName] ?? [], 100),
      };
    },
    classify: (error, operation) => classifyError({ name: (error as Error).name }, operation),
  };
  return { ports, calls, peak: () => peak };
}

const requiredTags: RawConfigRule = {
  name: 'required-tags',
  owner: 'AWS',
  sourceIdentifier: 'REQUIRED_TAGS',
  inputParameters: '{"tag1Key":"Service"}',
};
const customRule: RawConfigRule = { name: 'other', owner: 'CUSTOM_LAMBDA', sourceIdentifier: 'arn:aws:lambda:x' };
const defaultRecorder = [{ name: 'default' }];
const results = (count: number): EvaluationResult[] =>
  Array.from({ length: count }, (_, index) => ({
    resourceType: 'AWS::S3::Bucket',
    resourceId: `bucket-${index}`,
    annotation: index % 2 ? 'missing tag Service' : undefined,
  }));

describe('scanAccount', () => {
  it('reads each region once, with the minimum of calls, and reports non-compliant resources with ARNs', async () => {
    const { ports, calls } = stubPorts({
      'ap-northeast-2': { recorders: defaultRecorder, rules: [requiredTags, customRule], results: { 'required-tags': results(150) } },
      'us-east-1': {},
    });
    const scan = await scanAccount(ports, { concurrency: 4, clock });
    assert.equal(scan.identity?.accountId, '123456789012');
    const seoul = scan.regions.find((region) => region.region === 'ap-northeast-2')!;
    assert.equal(seoul.verdict.kind, 'recorded');
    assert.equal(seoul.nonCompliant.length, 150);
    assert.equal(seoul.nonCompliant[0]!.arn, 'arn:aws:s3:::bucket-0');
    assert.equal(seoul.nonCompliant[0]!.missingKeys, 'unknown');
    assert.deepEqual(seoul.nonCompliant[1]!.missingKeys, ['Service']);
    assert.deepEqual(
      seoul.rules.find((rule) => rule.isRequiredTags)!.requiredTags.map((tag) => tag.key),
      ['Service'],
    );
    const virginia = scan.regions.find((region) => region.region === 'us-east-1')!;
    assert.equal(virginia.verdict.kind, 'not-recorded');
    // No recorder: no describes and no delivery channel calls. Custom rules: no compliance calls.
    assert.deepEqual(
      calls
        .filter((call) => call.startsWith('us-east-1:') && !['us-east-1:GetCallerIdentity', 'us-east-1:ListRegions'].includes(call))
        .sort(),
      ['us-east-1:DescribeConfigRules', 'us-east-1:ListConfigurationRecorders'],
    );
    assert.equal(calls.filter((call) => call === 'ap-northeast-2:GetComplianceDetailsByConfigRule').length, 2);
    assert.equal(
      new Set(calls).size + calls.filter((call) => call.endsWith('GetComplianceDetailsByConfigRule')).length - 1,
      calls.length,
      'no call is repeated except pages',
    );
  });

  it('never calls a disabled region', async () => {
    const { ports, calls } = stubPorts(
      { 'us-east-1': {} },
      {
        listRegions: [
          { region: 'us-east-1', status: 'ENABLED_BY_DEFAULT' },
          { region: 'ap-east-1', status: 'DISABLED' },
        ],
      },
    );
    const scan = await scanAccount(ports, { concurrency: 2, clock });
    assert.equal(scan.regions.find((region) => region.region === 'ap-east-1')!.verdict.kind, 'region-disabled');
    assert.ok(!calls.some((call) => call.startsWith('ap-east-1:')));
  });

  it('keeps a failing region to itself and names the part that failed', async () => {
    const { ports } = stubPorts({
      'eu-west-1': { recorders: defaultRecorder, failOn: { ListConfigurationRecorders: 'ThrottlingException' } },
      'eu-west-2': {
        recorders: defaultRecorder,
        rules: [requiredTags],
        failOn: { GetComplianceDetailsByConfigRule: 'AccessDeniedException' },
      },
      'eu-west-3': { recorders: defaultRecorder },
    });
    const scan = await scanAccount(ports, { concurrency: 3, clock });
    const byName = new Map(scan.regions.map((region) => [region.region, region]));
    assert.equal(byName.get('eu-west-1')!.verdict.kind, 'scan-failed');
    assert.equal(byName.get('eu-west-1')!.errors[0]!.kind, 'throttled');
    assert.equal(byName.get('eu-west-2')!.verdict.kind, 'recorded');
    assert.deepEqual(
      byName.get('eu-west-2')!.errors.map((error) => [error.part, error.kind, error.ruleName]),
      [['compliance', 'access-denied', 'required-tags']],
    );
    assert.equal(byName.get('eu-west-3')!.errors.length, 0);
    assert.equal(byName.get('eu-west-3')!.verdict.kind, 'recorded');
  });

  it('falls back to the built-in region list when ListRegions is denied, and says so', async () => {
    const { ports } = stubPorts({}, { listRegions: 'denied' });
    const scan = await scanAccount(ports, { concurrency: 8, clock });
    assert.equal(scan.regionSource.kind, 'built-in');
    assert.match(scan.regionSource.reason!, /access denied/);
    assert.ok(scan.regions.length > 20);
  });

  it('stops the whole scan when the credentials have expired', async () => {
    const { ports } = stubPorts({ 'us-east-1': { failOn: { ListConfigurationRecorders: 'ExpiredTokenException' } } });
    const scan = await scanAccount(ports, { concurrency: 2, clock });
    assert.equal(scan.error?.kind, 'expired-credentials');
  });

  it('never has more calls in flight than its concurrency', async () => {
    const regions = Object.fromEntries(
      Array.from({ length: 12 }, (_, index) => [
        `eu-test-${index}`,
        { recorders: defaultRecorder, rules: [requiredTags], results: { 'required-tags': results(250) } },
      ]),
    );
    const { ports, peak } = stubPorts(regions);
    const scan = await scanAccount(ports, { concurrency: 3, clock });
    assert.equal(scan.regions.length, 12);
    assert.ok(peak() <= 3, `peak ${peak()}`);
    assert.ok(peak() >= 2, 'the scan runs calls in parallel');
  });

  it('stops when cancelled and says so per region', async () => {
    const regions = Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`eu-test-${index}`, { recorders: defaultRecorder }]));
    const { ports, calls } = stubPorts(regions);
    const controller = new AbortController();
    const scan = await scanAccount(ports, {
      concurrency: 1,
      clock,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.type === 'region-done') controller.abort();
      },
    });
    assert.equal(scan.cancelled, true);
    assert.ok(scan.regions.some((region) => region.state === 'cancelled'));
    assert.ok(calls.length < 6 * 6);
  });

  it('reports progress per region', async () => {
    const { ports } = stubPorts({ 'us-east-1': {}, 'us-west-2': {} });
    const done: string[] = [];
    await scanAccount(ports, {
      concurrency: 2,
      clock,
      onProgress: (progress) => {
        if (progress.type === 'region-done') done.push(progress.region.region);
      },
    });
    assert.deepEqual(done.sort(), ['us-east-1', 'us-west-2']);
  });
});

describe('createScanLimiter', () => {
  it('runs deeper calls first, then earlier regions', async () => {
    const limiter = createScanLimiter(1);
    const order: string[] = [];
    let release!: () => void;
    const blocker = limiter.run(
      { depth: 0, regionIndex: 0 },
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    const queued = [
      limiter.run({ depth: 0, regionIndex: 2 }, async () => {
        order.push('r2-d0');
      }),
      limiter.run({ depth: 1, regionIndex: 3 }, async () => {
        order.push('r3-d1');
      }),
      limiter.run({ depth: 0, regionIndex: 1 }, async () => {
        order.push('r1-d0');
      }),
    ];
    release();
    await Promise.all([blocker, ...queued]);
    assert.deepEqual(order, ['r3-d1', 'r1-d0', 'r2-d0']);
  });

  it('runs the call with the longest chain still waiting on it first (critical path)', async () => {
    const limiter = createScanLimiter(1);
    const order: string[] = [];
    let release!: () => void;
    const blocker = limiter.run(
      { depth: 0, regionIndex: 0 },
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    const queued = [
      limiter.run({ depth: 1, tail: 0, regionIndex: 0 }, async () => {
        order.push('describe');
      }),
      limiter.run({ depth: 0, tail: 2, regionIndex: 5 }, async () => {
        order.push('rules');
      }),
    ];
    release();
    await Promise.all([blocker, ...queued]);
    assert.deepEqual(order, ['rules', 'describe']);
  });

  it('rejects a waiting call when its signal aborts', async () => {
    const limiter = createScanLimiter(1);
    let release!: () => void;
    const blocker = limiter.run(
      { depth: 0, regionIndex: 0 },
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    const controller = new AbortController();
    const waiting = limiter.run({ depth: 0, regionIndex: 0 }, async () => 'ran', controller.signal);
    controller.abort();
    await assert.rejects(waiting);
    release();
    await blocker;
  });
});
