import * as assert from 'node:assert/strict';
import {
  ConfigServiceClient,
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  DescribeDeliveryChannelStatusCommand,
  GetComplianceDetailsByConfigRuleCommand,
  GetResourceConfigHistoryCommand,
  ListConfigurationRecordersCommand,
  ListDiscoveredResourcesCommand,
  StartConfigRulesEvaluationCommand,
  paginateGetComplianceDetailsByConfigRule,
  paginateListDiscoveredResources,
} from '@aws-sdk/client-config-service';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { Scenario } from '../../../src/emulator';
import { failure, startHarness, type Harness } from './helpers';

describe('emulator: AWS Config', () => {
  let h: Harness;
  const config = (region: string) => new ConfigServiceClient(h.options(region));
  afterEach(async () => h?.emulator.close());

  describe('incident scenario', () => {
    beforeEach(async () => {
      h = await startHarness('incident');
    });

    it('describes only the customer-managed recorder, with the full current shape', async () => {
      const { ConfigurationRecorders } = await config('ap-northeast-2').send(new DescribeConfigurationRecordersCommand({}));
      assert.equal(ConfigurationRecorders?.length, 1);
      const recorder = ConfigurationRecorders![0]!;
      assert.equal(recorder.name, 'default');
      assert.match(recorder.arn!, /^arn:aws:config:ap-northeast-2:123456789012:configuration-recorder\/default\//);
      assert.equal(recorder.recordingGroup?.recordingStrategy?.useOnly, 'ALL_SUPPORTED_RESOURCE_TYPES');
      assert.equal(recorder.recordingMode?.recordingFrequency, 'CONTINUOUS');
      assert.equal(recorder.recordingScope, 'PAID');
      const none = await config('us-east-1').send(new DescribeConfigurationRecordersCommand({}));
      assert.deepEqual(none.ConfigurationRecorders, []);
    });

    it('reports recorder status with an upper-case lastStatus', async () => {
      const { ConfigurationRecordersStatus } = await config('ap-northeast-2').send(new DescribeConfigurationRecorderStatusCommand({}));
      assert.equal(ConfigurationRecordersStatus?.[0]?.recording, true);
      assert.equal(ConfigurationRecordersStatus?.[0]?.lastStatus, 'SUCCESS');
      assert.ok(ConfigurationRecordersStatus?.[0]?.lastStartTime instanceof Date);
    });

    it('rejects an unknown recorder name and more than one name', async () => {
      const unknown = await failure(
        config('ap-northeast-2').send(new DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: ['nope'] })),
      );
      assert.equal(unknown.name, 'NoSuchConfigurationRecorderException');
      const two = await failure(
        config('ap-northeast-2').send(new DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: ['a', 'b'] })),
      );
      assert.equal(two.name, 'ValidationException');
    });

    it('describes the delivery channel and its status', async () => {
      const { DeliveryChannels } = await config('ap-northeast-2').send(new DescribeDeliveryChannelsCommand({}));
      assert.equal(DeliveryChannels?.[0]?.s3BucketName, 'config-bucket-123456789012');
      const { DeliveryChannelsStatus } = await config('ap-northeast-2').send(new DescribeDeliveryChannelStatusCommand({}));
      assert.equal(DeliveryChannelsStatus?.[0]?.configHistoryDeliveryInfo?.lastStatus, 'SUCCESS');
      const missing = await failure(
        config('ap-northeast-2').send(new DescribeDeliveryChannelsCommand({ DeliveryChannelNames: ['other'] })),
      );
      assert.equal(missing.name, 'NoSuchDeliveryChannelException');
    });

    it('describes the REQUIRED_TAGS rule with InputParameters as a JSON string', async () => {
      const { ConfigRules } = await config('ap-northeast-2').send(new DescribeConfigRulesCommand({}));
      const rule = ConfigRules?.[0];
      assert.equal(rule?.ConfigRuleName, 'required-tags');
      assert.equal(rule?.Source?.Owner, 'AWS');
      assert.equal(rule?.Source?.SourceIdentifier, 'REQUIRED_TAGS');
      assert.equal(typeof rule?.InputParameters, 'string');
      assert.deepEqual(JSON.parse(rule!.InputParameters!), { tag1Key: 'Service' });
      const missing = await failure(config('ap-northeast-2').send(new DescribeConfigRulesCommand({ ConfigRuleNames: ['nope'] })));
      assert.equal(missing.name, 'NoSuchConfigRuleException');
    });

    it('summarises compliance per rule and lists non-compliant results', async () => {
      const { ComplianceByConfigRules } = await config('ap-northeast-2').send(new DescribeComplianceByConfigRuleCommand({}));
      assert.equal(ComplianceByConfigRules?.[0]?.Compliance?.ComplianceType, 'NON_COMPLIANT');
      assert.equal(ComplianceByConfigRules?.[0]?.Compliance?.ComplianceContributorCount?.CappedCount, 1);
      const { EvaluationResults } = await config('ap-northeast-2').send(
        new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'required-tags', ComplianceTypes: ['NON_COMPLIANT'] }),
      );
      assert.deepEqual(
        EvaluationResults?.map((r) => r.EvaluationResultIdentifier?.EvaluationResultQualifier?.ResourceId),
        ['i-0f9e8d7c6b5a40312'],
      );
      assert.ok(EvaluationResults?.[0]?.ResultRecordedTime instanceof Date);
    });

    it('rejects a Limit above 100 and INSUFFICIENT_DATA as a filter', async () => {
      const limit = await failure(
        config('ap-northeast-2').send(new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'required-tags', Limit: 101 })),
      );
      assert.equal(limit.name, 'InvalidParameterValueException');
      const filter = await failure(
        config('ap-northeast-2').send(
          new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'required-tags', ComplianceTypes: ['INSUFFICIENT_DATA'] }),
        ),
      );
      assert.equal(filter.name, 'InvalidParameterValueException');
    });

    it('lists discovered resources in lower camel case, and refuses without a customer recorder', async () => {
      const { resourceIdentifiers } = await config('ap-northeast-2').send(
        new ListDiscoveredResourcesCommand({ resourceType: 'AWS::S3::Bucket' }),
      );
      assert.deepEqual(
        resourceIdentifiers?.map((r) => r.resourceId),
        ['config-bucket-123456789012', 'transcribe-audio-input', 'transcribe-results'],
      );
      const error = await failure(config('us-east-1').send(new ListDiscoveredResourcesCommand({ resourceType: 'AWS::S3::Bucket' })));
      assert.equal(error.name, 'NoAvailableConfigurationRecorderException');
    });

    it('returns config history for discovered resources and ResourceNotDiscoveredException otherwise', async () => {
      const { configurationItems } = await config('ap-northeast-2').send(
        new GetResourceConfigHistoryCommand({ resourceType: 'AWS::S3::Bucket', resourceId: 'transcribe-results' }),
      );
      assert.equal(configurationItems?.[0]?.configurationItemStatus, 'ResourceDiscovered');
      assert.equal(configurationItems?.[0]?.awsRegion, 'ap-northeast-2');
      assert.deepEqual(configurationItems?.[0]?.tags, { Service: 'transcribe', Owner: 'ml-team' });
      assert.deepEqual(configurationItems?.[0]?.relatedEvents, []);
      const error = await failure(
        config('ap-northeast-2').send(
          new GetResourceConfigHistoryCommand({ resourceType: 'AWS::S3::Bucket', resourceId: 'rnd-transcribe-test' }),
        ),
      );
      assert.equal(error.name, 'ResourceNotDiscoveredException');
    });

    it('allows StartConfigRulesEvaluation once a minute per rule set', async () => {
      await config('ap-northeast-2').send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: ['required-tags'] }));
      const again = await failure(
        config('ap-northeast-2').send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: ['required-tags'] })),
      );
      assert.equal(again.name, 'LimitExceededException');
      h.clock.advance(60_000);
      await config('ap-northeast-2').send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: ['required-tags'] }));
      const unknown = await failure(config('ap-northeast-2').send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: ['nope'] })));
      assert.equal(unknown.name, 'NoSuchConfigRuleException');
    });
  });

  describe('well-covered scenario', () => {
    beforeEach(async () => {
      h = await startHarness('well-covered');
    });

    it('shows DAILY mode, exclusions and overrides as recorded', async () => {
      const daily = await config('us-west-2').send(new DescribeConfigurationRecordersCommand({}));
      assert.equal(daily.ConfigurationRecorders?.[0]?.recordingMode?.recordingFrequency, 'DAILY');
      const excluding = await config('eu-central-1').send(new DescribeConfigurationRecordersCommand({}));
      const recorder = excluding.ConfigurationRecorders?.[0];
      assert.equal(recorder?.recordingGroup?.recordingStrategy?.useOnly, 'EXCLUSION_BY_RESOURCE_TYPES');
      assert.deepEqual(recorder?.recordingGroup?.exclusionByResourceTypes?.resourceTypes, [
        'AWS::EC2::NetworkInterface',
        'AWS::EC2::Volume',
      ]);
      assert.equal(recorder?.recordingMode?.recordingModeOverrides?.[0]?.recordingFrequency, 'DAILY');
    });

    it('a DAILY recorder has captured day-old resources, but ignores a change until the sweep', async () => {
      const buckets = async () =>
        (await config('us-west-2').send(new ListDiscoveredResourcesCommand({ resourceType: 'AWS::S3::Bucket' }))).resourceIdentifiers?.map(
          (r) => r.resourceId,
        );
      assert.deepEqual(await buckets(), ['wc-us-west-2-data']);
      await new S3Client(h.s3('us-west-2')).send(
        new CreateBucketCommand({ Bucket: 'wc-new-daily', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }),
      );
      assert.deepEqual(await buckets(), ['wc-us-west-2-data']);
      h.clock.advance(24 * 3600_000);
      h.emulator.sweep('us-west-2');
      assert.deepEqual(await buckets(), ['wc-new-daily', 'wc-us-west-2-data']);
      const { configurationItems } = await config('us-west-2').send(
        new GetResourceConfigHistoryCommand({ resourceType: 'AWS::S3::Bucket', resourceId: 'wc-new-daily' }),
      );
      assert.equal(configurationItems?.[0]?.recordingFrequency, 'DAILY');
    });

    it('lists service-linked recorders, which a bare describe leaves out', async () => {
      const { ConfigurationRecorderSummaries } = await config('us-east-1').send(new ListConfigurationRecordersCommand({}));
      assert.deepEqual(ConfigurationRecorderSummaries?.map((s) => s.recordingScope).sort(), ['INTERNAL', 'PAID']);
      const bare = await config('us-east-1').send(new DescribeConfigurationRecordersCommand({}));
      assert.equal(bare.ConfigurationRecorders?.length, 1);
      const linked = await config('us-east-1').send(
        new DescribeConfigurationRecordersCommand({ ServicePrincipal: 'securitylake.amazonaws.com' }),
      );
      assert.equal(linked.ConfigurationRecorders?.[0]?.name, 'AWSConfigurationRecorderForSecurityLake');
      assert.equal(linked.ConfigurationRecorders?.[0]?.recordingScope, 'INTERNAL');
    });
  });

  describe('pagination', () => {
    const paged: Scenario = {
      accountId: '111122223333',
      regions: [{ name: 'eu-west-1', optInStatus: 'ENABLED_BY_DEFAULT' }],
      recorders: [{ region: 'eu-west-1' }],
      rules: [
        {
          region: 'eu-west-1',
          name: 'required-tags',
          source: { owner: 'AWS', identifier: 'REQUIRED_TAGS' },
          inputParameters: { tag1Key: 'Service' },
        },
        ...Array.from({ length: 30 }, (_, i) => ({
          region: 'eu-west-1',
          name: `custom-${i}`,
          source: { owner: 'CUSTOM_LAMBDA' as const, identifier: `arn:aws:lambda:eu-west-1:111122223333:function:f${i}` },
        })),
      ],
      resources: Array.from({ length: 250 }, (_, i) => ({
        region: 'eu-west-1',
        type: 'AWS::EC2::Volume',
        id: `vol-${String(i).padStart(5, '0')}`,
        tags: (i % 2 ? { Service: 'x' } : {}) as Record<string, string>,
      })),
    };
    beforeEach(async () => {
      h = await startHarness(paged);
    });

    it('pages rules by 25 and every list with the SDK paginators', async () => {
      const first = await config('eu-west-1').send(new DescribeConfigRulesCommand({}));
      assert.equal(first.ConfigRules?.length, 25);
      assert.ok(first.NextToken);
      const second = await config('eu-west-1').send(new DescribeConfigRulesCommand({ NextToken: first.NextToken }));
      assert.equal(second.ConfigRules?.length, 6);
      assert.equal(second.NextToken, undefined);

      const ids: string[] = [];
      for await (const p of paginateListDiscoveredResources({ client: config('eu-west-1') }, { resourceType: 'AWS::EC2::Volume' }))
        ids.push(...(p.resourceIdentifiers ?? []).map((r) => r.resourceId!));
      assert.equal(ids.length, 250);
      assert.equal(new Set(ids).size, 250);

      let nonCompliant = 0;
      let pages = 0;
      for await (const p of paginateGetComplianceDetailsByConfigRule(
        { client: config('eu-west-1') },
        { ConfigRuleName: 'required-tags', ComplianceTypes: ['NON_COMPLIANT'], Limit: 100 },
      )) {
        pages++;
        nonCompliant += p.EvaluationResults?.length ?? 0;
      }
      assert.equal(nonCompliant, 125);
      assert.equal(pages, 2);
    });

    it('rejects a token from elsewhere and a limit above 100', async () => {
      const bad = await failure(config('eu-west-1').send(new DescribeConfigRulesCommand({ NextToken: 'not-a-token' })));
      assert.equal(bad.name, 'InvalidNextTokenException');
      const limit = await failure(
        config('eu-west-1').send(new ListDiscoveredResourcesCommand({ resourceType: 'AWS::EC2::Volume', limit: 101 })),
      );
      assert.equal(limit.name, 'InvalidLimitException');
    });
  });
});
