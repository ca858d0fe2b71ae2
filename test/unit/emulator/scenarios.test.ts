import * as assert from 'node:assert/strict';
import {
  ConfigServiceClient,
  DescribeAggregateComplianceByConfigRulesCommand,
  DescribeConfigurationAggregatorsCommand,
  GetAggregateComplianceDetailsByConfigRuleCommand,
  ListAggregateDiscoveredResourcesCommand,
  type AggregateEvaluationResult,
} from '@aws-sdk/client-config-service';
import { buildWorld, listScenarios, ScenarioError, validateScenario, type Scenario } from '../../../src/emulator';
import { summarise } from '../../../src/emulator/summary';
import { ManualClock, startHarness, type Harness } from './helpers';

describe('emulator: scenarios', () => {
  it('ships incident, well-covered, org-aggregator and large, each valid', () => {
    assert.deepEqual(
      listScenarios().map((s) => s.name),
      ['incident', 'well-covered', 'org-aggregator', 'large'],
    );
    for (const { name } of listScenarios()) assert.doesNotThrow(() => buildWorld(name, new ManualClock()), name);
  });

  it('generates large deterministically: 25 regions, 5,000 resources, 2,000 non-compliant', () => {
    const first = summarise(buildWorld('large', new ManualClock()).world, 'large');
    const second = summarise(buildWorld('large', new ManualClock()).world, 'large');
    assert.deepEqual(first, second);
    assert.equal(first.regions.length, 25);
    assert.ok(first.regions.every((r) => r.optInStatus !== 'DISABLED'));
    assert.equal(
      first.regions.reduce((n, r) => n + r.liveResources, 0),
      5000,
    );
    assert.equal(
      first.regions.reduce((n, r) => n + (r.rules[0]?.nonCompliant ?? 0), 0),
      2000,
    );
  });

  it('explains what is wrong with a scenario, by path', () => {
    const bad = {
      accountId: '12',
      regions: [{ name: 'us-east-1', optInStatus: 'ON' }],
      rules: [{ region: 'mars-1', name: 'r', source: {} }],
    };
    assert.throws(
      () => validateScenario(bad),
      (error: Error) => {
        assert.ok(error instanceof ScenarioError);
        assert.match(error.message, /accountId: expected 12 digits/);
        assert.match(error.message, /regions\[0\]\.optInStatus/);
        assert.match(error.message, /rules\[0\]\.region: unknown region "mars-1"/);
        assert.match(error.message, /rules\[0\]\.source/);
        return true;
      },
    );
    assert.throws(() => validateScenario('nope'), /expected a JSON object/);
    assert.throws(() => buildWorld('nope' as 'incident', new ManualClock()), /unknown scenario "nope"/);
  });

  it('refuses a bucket creation the CreateBucket rules forbid, naming the S3 error', () => {
    const scenario: Scenario = {
      accountId: '111122223333',
      regions: [
        { name: 'eu-west-1', optInStatus: 'ENABLED_BY_DEFAULT' },
        { name: 'us-east-1', optInStatus: 'ENABLED_BY_DEFAULT' },
      ],
      bucketCreations: [{ bucket: 'wrong-way', endpointRegion: 'eu-west-1', locationConstraint: 'us-east-1' }],
    };
    assert.throws(() => buildWorld(scenario, new ManualClock()), /InvalidLocationConstraint/);
  });

  describe('org-aggregator', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness('org-aggregator');
    });
    afterEach(async () => h.emulator.close());
    const config = () => new ConfigServiceClient(h.options('us-east-1'));

    it('describes the organization aggregator', async () => {
      const { ConfigurationAggregators } = await config().send(new DescribeConfigurationAggregatorsCommand({}));
      assert.equal(ConfigurationAggregators?.[0]?.ConfigurationAggregatorName, 'org-aggregator');
      assert.equal(ConfigurationAggregators?.[0]?.OrganizationAggregationSource?.AllAwsRegions, true);
      const missing = await new ConfigServiceClient(h.options('eu-west-1')).send(new DescribeConfigurationAggregatorsCommand({}));
      assert.deepEqual(missing.ConfigurationAggregators, []);
    });

    it('pages aggregate compliance through empty pages with a token', async () => {
      const rows: string[] = [];
      let emptyPages = 0;
      let token: string | undefined;
      do {
        const p = await config().send(
          new DescribeAggregateComplianceByConfigRulesCommand({ ConfigurationAggregatorName: 'org-aggregator', NextToken: token }),
        );
        if ((p.AggregateComplianceByConfigRules ?? []).length === 0 && p.NextToken) emptyPages++;
        rows.push(...(p.AggregateComplianceByConfigRules ?? []).map((r) => `${r.AwsRegion}:${r.Compliance?.ComplianceType}`));
        token = p.NextToken;
      } while (token);
      assert.deepEqual(rows.sort(), ['ap-northeast-2:NON_COMPLIANT', 'eu-west-1:NON_COMPLIANT', 'us-east-1:NON_COMPLIANT']);
      assert.ok(emptyPages > 0, 'regions without rules answer empty pages that carry a token');

      const details: AggregateEvaluationResult[] = [];
      const first = await config().send(
        new GetAggregateComplianceDetailsByConfigRuleCommand({
          ConfigurationAggregatorName: 'org-aggregator',
          ConfigRuleName: 'required-tags',
          AccountId: '345678901234',
          AwsRegion: 'eu-west-1',
          ComplianceType: 'NON_COMPLIANT',
        }),
      );
      assert.deepEqual(first.AggregateEvaluationResults, []);
      assert.ok(first.NextToken, 'the first page is empty but has a token');
      token = first.NextToken;
      while (token) {
        const p: { AggregateEvaluationResults?: AggregateEvaluationResult[]; NextToken?: string } = await config().send(
          new GetAggregateComplianceDetailsByConfigRuleCommand({
            ConfigurationAggregatorName: 'org-aggregator',
            ConfigRuleName: 'required-tags',
            AccountId: '345678901234',
            AwsRegion: 'eu-west-1',
            ComplianceType: 'NON_COMPLIANT',
            NextToken: token,
          }),
        );
        details.push(...(p.AggregateEvaluationResults ?? []));
        token = p.NextToken;
      }
      assert.equal(details.length, 2);
      assert.ok(details.every((d) => d.AwsRegion === 'eu-west-1' && d.AccountId === '345678901234'));
    });

    it('lists aggregate discovered resources across source regions', async () => {
      const { ResourceIdentifiers } = await config().send(
        new ListAggregateDiscoveredResourcesCommand({ ConfigurationAggregatorName: 'org-aggregator', ResourceType: 'AWS::EC2::Volume' }),
      );
      assert.equal(ResourceIdentifiers?.length, 18);
      assert.deepEqual([...new Set(ResourceIdentifiers?.map((r) => r.SourceRegion))].sort(), ['ap-northeast-2', 'eu-west-1', 'us-east-1']);
      const missing = await config().send(
        new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: ['org-aggregator'] }),
      );
      assert.equal(missing.ConfigurationAggregators?.length, 1);
    });
  });
});
