import * as assert from 'node:assert/strict';
import { DEFAULT_MAX_ATTEMPTS } from '../../../src/aws/clients';
import type { AccountScan, RegionScan } from '../../../src/core/account-model';
import type { ScanErrorKind } from '../../../src/core/scan-error';
import { startEmulator, FAULT_KINDS, type FaultKind, type RunningEmulator } from '../../../src/emulator';
import { scanEmulator } from './emulator-connection';

/**
 * The fault matrix: every fault the emulator injects, on every operation of the scan, against the incident
 * scenario with the real SDK. Regional operations are faulted in ap-northeast-2 (the region where every
 * operation runs: recorder, channel, rule, findings); account-wide ones in the home region, us-east-1.
 * Each time: the scan finishes, the error lands on the right region (or the account) only, and the failing
 * call was sent at most DEFAULT_MAX_ATTEMPTS times (exactly that often when the SDK retries it).
 */
const FAULTED_REGION = 'ap-northeast-2';
const REGIONAL: ReadonlyArray<{ operation: string; part: RegionScan['errors'][number]['part'] }> = [
  { operation: 'ListConfigurationRecorders', part: 'recorders' },
  { operation: 'DescribeConfigurationRecorders', part: 'recorders' },
  { operation: 'DescribeConfigurationRecorderStatus', part: 'recorders' },
  { operation: 'DescribeDeliveryChannels', part: 'delivery-channels' },
  { operation: 'DescribeDeliveryChannelStatus', part: 'delivery-channels' },
  { operation: 'DescribeConfigRules', part: 'rules' },
  { operation: 'GetComplianceDetailsByConfigRule', part: 'compliance' },
  { operation: 'GetResources', part: 'compliance' },
];
const ACCOUNT_WIDE = [
  { operation: 'GetCallerIdentity', service: 'sts' },
  { operation: 'ListRegions', service: 'account' },
  { operation: 'DescribeConfigurationAggregators', service: 'config' },
];

const EXPECTED_KIND: Record<Exclude<FaultKind, 'latency'>, ScanErrorKind> = {
  throttle: 'throttled',
  'server-error': 'server-error',
  timeout: 'network',
  'access-denied': 'access-denied',
  'expired-token': 'expired-credentials',
  'unrecognized-client': 'region-disabled',
  malformed: 'other',
};
/** Faults the SDK's retry strategy retries: sent exactly DEFAULT_MAX_ATTEMPTS times. */
const RETRIED = new Set<FaultKind>(['throttle', 'server-error', 'timeout']);

function callsOf(emulator: RunningEmulator, operation: string, region: string): number {
  return emulator
    .calls()
    .filter((call) => call.operation === operation && call.region === region)
    .reduce((sum, call) => sum + call.count, 0);
}

function otherRegionsClean(scan: AccountScan, faulted: string): void {
  for (const region of scan.regions) {
    if (region.region === faulted) continue;
    assert.equal(region.errors.length, 0, `${region.region} shows ${JSON.stringify(region.errors)}`);
    assert.notEqual(region.verdict.kind, 'scan-failed', region.region);
  }
}

describe('account scan fault matrix (real SDK, emulator faults)', function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ scenario: 'incident' });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.faults.clear();
    emulator.load('incident');
    emulator.sweep(FAULTED_REGION);
    emulator.resetCalls();
  });

  it('covers every fault kind the emulator has', () => {
    assert.deepEqual([...FAULT_KINDS].sort(), ['latency', ...Object.keys(EXPECTED_KIND)].sort());
  });

  for (const { operation, part } of REGIONAL) {
    for (const kind of FAULT_KINDS) {
      it(`${kind} on ${operation}`, async () => {
        emulator.faults.add({ kind, operation, region: FAULTED_REGION, ...(kind === 'latency' ? { latencyMs: 40 } : {}) });
        const scan = await scanEmulator(emulator, { requestTimeoutMs: 400 });
        const region = scan.regions.find((candidate) => candidate.region === FAULTED_REGION)!;
        const sent = callsOf(emulator, operation, FAULTED_REGION);
        assert.ok(sent >= 1 && sent <= DEFAULT_MAX_ATTEMPTS, `${operation} sent ${sent} times`);
        if (kind === 'latency') {
          assert.equal(scan.error, undefined);
          assert.deepEqual(region.errors, []);
          assert.equal(region.verdict.kind, 'recorded');
          assert.ok(region.nonCompliant.length >= 2);
          return;
        }
        if (RETRIED.has(kind)) assert.equal(sent, DEFAULT_MAX_ATTEMPTS, `${kind} is retried a bounded number of times`);
        const expected = EXPECTED_KIND[kind];
        if (expected === 'expired-credentials') {
          // Expired credentials make every further call pointless: the scan stops and says why, once.
          assert.equal(scan.error?.kind, 'expired-credentials');
          assert.equal(scan.error?.operation, operation);
          return;
        }
        assert.equal(scan.error, undefined, JSON.stringify(scan.error));
        otherRegionsClean(scan, FAULTED_REGION);
        if (expected === 'region-disabled' && part === 'recorders' && operation === 'ListConfigurationRecorders') {
          assert.equal(region.verdict.kind, 'region-disabled');
          assert.match(region.verdict.summary, /likely/);
          return;
        }
        const error = region.errors.find((candidate) => candidate.operation === operation);
        assert.ok(error, `${FAULTED_REGION} names the failed ${operation}: ${JSON.stringify(region.errors)}`);
        assert.equal(error.kind, expected);
        assert.equal(error.part, part);
        if (part === 'recorders') assert.equal(region.verdict.kind, 'scan-failed');
        else assert.equal(region.verdict.kind, 'recorded', 'coverage is still known when only the rules or channels failed');
        if (part === 'compliance' && operation === 'GetResources') {
          assert.ok(region.nonCompliant.length >= 2, 'findings stay when their tags cannot be read');
          assert.ok(region.nonCompliant.every((resource) => resource.missingKeys === 'unknown'));
        }
      });
    }
  }

  for (const { operation, service } of ACCOUNT_WIDE) {
    for (const kind of FAULT_KINDS) {
      it(`${kind} on ${operation} (account-wide)`, async () => {
        emulator.faults.add({
          kind,
          operation,
          service: service as never,
          region: 'us-east-1',
          ...(kind === 'latency' ? { latencyMs: 40 } : {}),
        });
        const scan = await scanEmulator(emulator, { requestTimeoutMs: 400 });
        const sent = callsOf(emulator, operation, 'us-east-1');
        assert.ok(sent >= 1 && sent <= DEFAULT_MAX_ATTEMPTS, `${operation} sent ${sent} times`);
        if (kind === 'latency') {
          assert.equal(scan.error, undefined);
          assert.deepEqual(scan.accountErrors, []);
          return;
        }
        if (RETRIED.has(kind)) assert.equal(sent, DEFAULT_MAX_ATTEMPTS);
        const expected = EXPECTED_KIND[kind];
        if (expected === 'expired-credentials' || (operation === 'GetCallerIdentity' && expected === 'region-disabled')) {
          assert.ok(scan.error, 'bad credentials stop the scan with an account-level error');
          return;
        }
        assert.equal(scan.error, undefined, JSON.stringify(scan.error));
        const error = scan.accountErrors.find((candidate) => candidate.operation === operation);
        assert.ok(error, `the account shows the failed ${operation}`);
        assert.equal(error.kind, expected);
        for (const region of scan.regions) assert.deepEqual(region.errors, [], `${region.region} is not affected`);
        if (operation === 'ListRegions') {
          assert.equal(scan.regionSource.kind, 'built-in');
          assert.ok(scan.regionSource.reason);
          assert.equal(scan.regions.find((region) => region.region === FAULTED_REGION)?.verdict.kind, 'recorded');
        }
      });
    }
  }
});
