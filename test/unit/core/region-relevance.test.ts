import * as assert from 'node:assert/strict';
import type { AccountScan, RegionScan } from '../../../src/core/account-model';
import { coverageVerdict } from '../../../src/core/coverage';
import { groupRegionsByRelevance, regionsByRelevance } from '../../../src/core/region-relevance';

function region(name: string, options: { recorded?: boolean; disabled?: boolean; findings?: number; failed?: boolean } = {}): RegionScan {
  const recorders = options.recorded
    ? [
        {
          name: 'default',
          recordingGroup: {
            strategy: 'ALL_SUPPORTED_RESOURCE_TYPES' as const,
            allSupported: true,
            includeGlobalResourceTypes: false,
            resourceTypes: [],
            excludedResourceTypes: [],
          },
          recordingMode: { frequency: 'CONTINUOUS' as const, overrides: [] },
          status: { recording: true, lastStatus: 'SUCCESS' },
        },
      ]
    : [];
  const optStatus = options.disabled ? ('DISABLED' as const) : ('ENABLED_BY_DEFAULT' as const);
  const failure = options.failed ? { kind: 'throttled' as const, message: 'Rate exceeded' } : undefined;
  return {
    region: name,
    optStatus,
    state: options.failed ? 'failed' : options.disabled ? 'disabled' : 'scanned',
    recorders,
    deliveryChannels: [],
    rules: [],
    nonCompliant: Array.from({ length: options.findings ?? 0 }, (_, index) => ({
      ruleName: 'r',
      region: name,
      resourceType: 'AWS::EC2::Instance',
      resourceId: `i-${index}`,
      missingKeys: ['Service'],
    })),
    errors: options.failed ? [{ part: 'recorders', kind: 'throttled', message: 'Rate exceeded' }] : [],
    verdict: coverageVerdict({ optStatus, recorders, deliveryChannels: [], failure }),
  };
}

function scanOf(regions: RegionScan[], unusedRegions?: string[]): AccountScan {
  return {
    startedAt: '',
    finishedAt: '',
    regionSource: { kind: 'account-api' },
    regions,
    aggregators: [],
    accountErrors: [],
    cancelled: false,
    unusedRegions,
  };
}

describe('region relevance: what needs action first, quiet regions folded', () => {
  const regions = [
    region('ap-northeast-1'),
    region('ap-northeast-2', { recorded: true, findings: 1 }),
    region('eu-west-1'),
    region('sa-east-1'),
    region('us-east-1'),
    region('us-west-2', { failed: true }),
    region('ap-east-1', { disabled: true }),
    region('me-south-1', { disabled: true }),
    region('eu-central-1', { recorded: true }),
  ];

  it('puts findings and blind spots first, then targeted regions, failures, recorded; folds the rest', () => {
    const groups = groupRegionsByRelevance(scanOf(regions), {
      blindSpots: new Map([['ap-northeast-2', 1]]),
      unwatchedBuckets: new Map([['us-east-1', 1]]),
      targetedRegions: new Set(['eu-west-1']),
    });
    assert.deepEqual(
      groups.shown.map((entry) => entry.scan.region),
      ['ap-northeast-2', 'us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1'],
    );
    assert.deepEqual(
      groups.quiet.map((group) => [group.label, group.regions.map((entry) => entry.scan.region)]),
      [
        ['2 regions: no recorder, nothing found', ['ap-northeast-1', 'sa-east-1']],
        ['2 regions disabled for this account', ['ap-east-1', 'me-south-1']],
      ],
    );
  });

  it('folds regions marked unused apart, but never one that holds a finding or could not be read', () => {
    const groups = groupRegionsByRelevance(scanOf(regions, ['sa-east-1', 'eu-west-1', 'ap-northeast-2', 'us-west-2']));
    const unused = groups.quiet.find((group) => group.kind === 'unused');
    assert.deepEqual(
      unused?.regions.map((entry) => entry.scan.region),
      ['eu-west-1', 'sa-east-1'],
    );
    assert.equal(unused?.level, 'inactive');
    assert.ok(groups.shown.some((entry) => entry.scan.region === 'ap-northeast-2' && entry.unused));
    assert.ok(groups.shown.some((entry) => entry.scan.region === 'us-west-2'));
  });

  it('keeps a group of one as its own row, and lists every region exactly once in the flat order', () => {
    const groups = groupRegionsByRelevance(scanOf([region('us-east-1'), region('ap-northeast-2', { recorded: true })]));
    assert.equal(groups.quiet.length, 0);
    assert.deepEqual(
      groups.shown.map((entry) => entry.scan.region),
      ['us-east-1', 'ap-northeast-2'],
    );
    const flat = regionsByRelevance(scanOf(regions));
    assert.equal(flat.length, regions.length);
    assert.equal(new Set(flat.map((entry) => entry.region)).size, regions.length);
  });
});
