import * as assert from 'node:assert/strict';
import { INCIDENT_ACCOUNT } from '../../../src/emulator/scenarios/incident';
import { scanEmulator, withEmulator } from './emulator-connection';

/** The whole scan with the real SDK over HTTP against the emulator's shipped scenarios. */
describe('account scan against the emulator', function () {
  this.timeout(60_000);

  it('incident: recorded only in ap-northeast-2, the rest not recorded, disabled regions never called', async () => {
    await withEmulator('incident', async (emulator) => {
      const scan = await scanEmulator(emulator);
      assert.equal(scan.error, undefined);
      assert.equal(scan.identity?.accountId, INCIDENT_ACCOUNT);
      assert.equal(scan.regionSource.kind, 'account-api');
      const byName = new Map(scan.regions.map((region) => [region.region, region]));
      assert.equal(byName.get('ap-northeast-2')!.verdict.kind, 'recorded');
      assert.equal(byName.get('us-east-1')!.verdict.kind, 'not-recorded');
      assert.equal(byName.get('ap-east-1')!.verdict.kind, 'region-disabled');
      assert.ok(
        !emulator.calls().some((call) => call.region === 'ap-east-1' || call.region === 'me-south-1'),
        'disabled regions are never called',
      );
      const seoul = byName.get('ap-northeast-2')!;
      const rule = seoul.rules.find((candidate) => candidate.isRequiredTags)!;
      assert.deepEqual(
        rule.requiredTags.map((tag) => tag.key),
        ['Service'],
      );
      assert.equal(seoul.recorders[0]!.status?.lastStatus, 'SUCCESS');
      assert.equal(seoul.deliveryChannels[0]!.s3BucketName, `config-bucket-${INCIDENT_ACCOUNT}`);
      // The untagged instance is non-compliant; the untagged bucket created through us-east-1 is NOT (Config never saw it).
      const ids = seoul.nonCompliant.map((resource) => resource.resourceId);
      assert.ok(ids.includes('i-0f9e8d7c6b5a40312'), ids.join());
      assert.ok(!ids.includes('rnd-transcribe-test'));
      const instance = seoul.nonCompliant.find((resource) => resource.resourceId === 'i-0f9e8d7c6b5a40312')!;
      assert.deepEqual(instance.missingKeys, ['Service']);
      assert.equal(instance.arn, `arn:aws:ec2:ap-northeast-2:${INCIDENT_ACCOUNT}:instance/i-0f9e8d7c6b5a40312`);
      assert.ok(instance.lastEvaluated);
      for (const region of scan.regions) assert.equal(region.errors.length, 0, `${region.region}: ${JSON.stringify(region.errors)}`);
    });
  });

  it('incident after the sweep: the missed bucket appears as non-compliant', async () => {
    await withEmulator('incident', async (emulator) => {
      emulator.sweep('ap-northeast-2');
      const scan = await scanEmulator(emulator);
      const seoul = scan.regions.find((region) => region.region === 'ap-northeast-2')!;
      const bucket = seoul.nonCompliant.find((resource) => resource.resourceId === 'rnd-transcribe-test');
      assert.ok(bucket, 'the swept bucket is evaluated');
      assert.equal(bucket.arn, 'arn:aws:s3:::rnd-transcribe-test');
      assert.deepEqual(bucket.missingKeys, ['Service']);
    });
  });

  it('well-covered: recorded everywhere, with daily and excluded types named, and nothing non-compliant', async () => {
    await withEmulator('well-covered', async (emulator) => {
      const scan = await scanEmulator(emulator);
      const byName = new Map(scan.regions.map((region) => [region.region, region]));
      assert.equal(byName.get('us-west-2')!.verdict.kind, 'recorded-daily');
      const frankfurt = byName.get('eu-central-1')!.verdict;
      assert.equal(frankfurt.kind, 'partially-recorded');
      assert.deepEqual(frankfurt.typesOut, ['AWS::EC2::NetworkInterface', 'AWS::EC2::Volume']);
      assert.deepEqual(frankfurt.dailyTypes, ['AWS::EC2::Instance']);
      const virginia = byName.get('us-east-1')!;
      assert.equal(virginia.verdict.kind, 'recorded');
      assert.deepEqual(virginia.recorders.map((recorder) => recorder.servicePrincipal ?? 'customer').sort(), [
        'customer',
        'securitylake.amazonaws.com',
      ]);
      assert.equal(byName.get('ap-east-1')!.verdict.kind, 'region-disabled');
      assert.equal(byName.get('eu-south-1')!.verdict.kind, 'recorded', 'an enabled opt-in region is scanned');
      for (const region of scan.regions) {
        if (region.verdict.kind === 'region-disabled') continue;
        assert.match(region.verdict.kind, /recorded/, `${region.region}: ${region.verdict.summary}`);
        assert.equal(region.nonCompliant.length, 0);
      }
    });
  });

  it('org-aggregator: finds the organization aggregator in the home region', async () => {
    await withEmulator('org-aggregator', async (emulator) => {
      const scan = await scanEmulator(emulator);
      assert.equal(scan.error, undefined);
      assert.deepEqual(
        scan.aggregators.map((aggregator) => [aggregator.name, aggregator.region, aggregator.organization]),
        [['org-aggregator', 'us-east-1', true]],
      );
      // Two of the six volumes per source region lack CostCenter (scenario: tags when (i + r) % 3 !== 0).
      const findings = scan.regions.flatMap((region) => region.nonCompliant);
      assert.deepEqual([...new Set(findings.map((finding) => finding.region))].sort(), ['ap-northeast-2', 'eu-west-1', 'us-east-1']);
      assert.equal(findings.length, 6);
      for (const finding of findings) assert.deepEqual(finding.missingKeys, ['CostCenter']);
    });
  });

  it('org-aggregator: reads the same findings through the aggregator as an alternative source', async () => {
    await withEmulator('org-aggregator', async (emulator) => {
      const scan = await scanEmulator(emulator, { aggregator: 'org-aggregator' });
      const findings = scan.regions.flatMap((region) => region.nonCompliant);
      assert.equal(findings.length, 6, JSON.stringify(scan.regions.flatMap((region) => region.errors)));
      assert.deepEqual([...new Set(findings.map((finding) => finding.region))].sort(), ['ap-northeast-2', 'eu-west-1', 'us-east-1']);
      const calls = emulator.calls();
      assert.ok(!calls.some((call) => call.operation === 'GetComplianceDetailsByConfigRule'), 'no regional compliance call');
      assert.ok(
        calls.every((call) => call.operation !== 'GetAggregateComplianceDetailsByConfigRule' || call.region === 'us-east-1'),
        'aggregate calls go to the home region',
      );
    });
  });

  it('org-aggregator: an aggregator that denies access leaves coverage intact and says so per region', async () => {
    await withEmulator('org-aggregator', async (emulator) => {
      emulator.faults.add({ kind: 'access-denied', operation: 'GetAggregateComplianceDetailsByConfigRule' });
      const scan = await scanEmulator(emulator, { aggregator: 'org-aggregator' });
      for (const name of ['ap-northeast-2', 'eu-west-1', 'us-east-1']) {
        const region = scan.regions.find((candidate) => candidate.region === name)!;
        assert.equal(region.verdict.kind, 'recorded');
        assert.deepEqual(
          region.errors.map((error) => [error.part, error.kind, error.operation]),
          [['compliance', 'access-denied', 'GetAggregateComplianceDetailsByConfigRule']],
        );
      }
    });
  });

  it('does not repeat a call: each (operation, region) once, except compliance pages and recorder describes', async () => {
    await withEmulator('incident', async (emulator) => {
      await scanEmulator(emulator);
      for (const call of emulator.calls()) {
        if (call.operation === 'GetComplianceDetailsByConfigRule') continue;
        assert.equal(call.count, 1, `${call.operation} in ${call.region} was called ${call.count} times`);
      }
    });
  });
});
