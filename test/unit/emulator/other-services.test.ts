import * as assert from 'node:assert/strict';
import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  ConfigServiceClient,
  ListDiscoveredResourcesCommand,
  GetComplianceDetailsByConfigRuleCommand,
} from '@aws-sdk/client-config-service';
import {
  GetResourcesCommand,
  ListRequiredTagsCommand,
  ResourceGroupsTaggingAPIClient,
  TagResourcesCommand,
  paginateGetResources,
  paginateListRequiredTags,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Scenario } from '../../../src/emulator';
import { failure, startHarness, type Harness } from './helpers';

const scenario: Scenario = {
  accountId: '111122223333',
  regions: [
    { name: 'us-east-1', optInStatus: 'ENABLED_BY_DEFAULT' },
    { name: 'eu-west-1', optInStatus: 'ENABLED_BY_DEFAULT' },
    { name: 'ap-east-1', optInStatus: 'DISABLED' },
  ],
  recorders: [{ region: 'eu-west-1' }],
  rules: [
    {
      region: 'eu-west-1',
      name: 'required-tags',
      source: { owner: 'AWS', identifier: 'REQUIRED_TAGS' },
      inputParameters: { tag1Key: 'Service' },
    },
  ],
  resources: [
    ...Array.from({ length: 120 }, (_, i) => ({
      region: 'eu-west-1',
      type: 'AWS::EC2::Instance',
      id: `i-${String(i).padStart(8, '0')}`,
      tags: { Service: i % 2 ? 'a' : 'b' },
    })),
    { region: 'eu-west-1', type: 'AWS::EC2::Volume', id: 'vol-untagged' },
    { region: 'eu-west-1', type: 'AWS::DynamoDB::Table', id: 'orders', tags: { Owner: 'x' } },
    { region: 'us-east-1', type: 'AWS::EC2::Instance', id: 'i-east', tags: { Service: 'east' } },
  ],
  buckets: [
    { name: 'eu-bucket', region: 'eu-west-1', tags: { Service: 'data' } },
    { name: 'eu-untagged', region: 'eu-west-1' },
  ],
  events: Array.from({ length: 60 }, (_, i) => ({
    region: 'us-east-1',
    eventName: i % 3 === 0 ? 'CreateBucket' : 'PutBucketTagging',
    eventSource: 's3.amazonaws.com',
    eventTime: new Date(Date.parse('2026-11-27T09:00:00Z') - i * 60_000).toISOString(),
  })),
};

describe('emulator: STS, Account, CloudTrail, Tagging API', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(scenario);
  });
  afterEach(async () => h.emulator.close());

  it('STS GetCallerIdentity returns the scenario account', async () => {
    const identity = await new STSClient(h.options('us-east-1')).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, '111122223333');
    assert.equal(identity.Arn, 'arn:aws:iam::111122223333:user/tagsight-demo');
  });

  it('Organizations DescribeOrganization says when the account is in no organization', async () => {
    const error = await failure(new OrganizationsClient(h.options('us-east-1')).send(new DescribeOrganizationCommand({})));
    assert.equal(error.name, 'AWSOrganizationsNotInUseException');
    h.emulator.load('org-aggregator');
    const { Organization } = await new OrganizationsClient(h.options('us-east-1')).send(new DescribeOrganizationCommand({}));
    assert.equal(Organization?.Id, 'o-a1b2c3d4e5');
    assert.equal(Organization?.MasterAccountId, '345678901234');
  });

  it('Account ListRegions returns opt-in status and filters by it', async () => {
    const account = new AccountClient(h.options('us-east-1'));
    const all = await account.send(new ListRegionsCommand({}));
    assert.deepEqual(
      all.Regions?.map((r) => [r.RegionName, r.RegionOptStatus]),
      [
        ['us-east-1', 'ENABLED_BY_DEFAULT'],
        ['eu-west-1', 'ENABLED_BY_DEFAULT'],
        ['ap-east-1', 'DISABLED'],
      ],
    );
    const disabled = await account.send(new ListRegionsCommand({ RegionOptStatusContains: ['DISABLED'] }));
    assert.deepEqual(
      disabled.Regions?.map((r) => r.RegionName),
      ['ap-east-1'],
    );
  });

  it('every call to a DISABLED region fails with UnrecognizedClientException (InvalidClientTokenId for STS)', async () => {
    const config = await failure(
      new ConfigServiceClient(h.options('ap-east-1')).send(new ListDiscoveredResourcesCommand({ resourceType: 'AWS::S3::Bucket' })),
    );
    assert.equal(config.name, 'UnrecognizedClientException');
    assert.equal(config.message, 'The security token included in the request is invalid');
    const trail = await failure(new CloudTrailClient(h.options('ap-east-1')).send(new LookupEventsCommand({})));
    assert.equal(trail.name, 'UnrecognizedClientException');
    const sts = await failure(new STSClient(h.options('ap-east-1')).send(new GetCallerIdentityCommand({})));
    assert.equal(sts.name, 'InvalidClientTokenId');
  });

  describe('CloudTrail LookupEvents', () => {
    it('filters by EventName, returns newest first, pages by at most 50, and CloudTrailEvent is a JSON string', async () => {
      const trail = new CloudTrailClient(h.options('us-east-1'));
      const first = await trail.send(
        new LookupEventsCommand({ MaxResults: 15, LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateBucket' }] }),
      );
      assert.equal(first.Events?.length, 15);
      assert.ok(first.NextToken);
      const times = first.Events!.map((e) => e.EventTime!.getTime());
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
      );
      assert.equal(typeof first.Events![0]!.CloudTrailEvent, 'string');
      assert.equal(JSON.parse(first.Events![0]!.CloudTrailEvent!).awsRegion, 'us-east-1');
      const second = await trail.send(
        new LookupEventsCommand({
          MaxResults: 15,
          NextToken: first.NextToken,
          LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateBucket' }],
        }),
      );
      assert.equal(second.Events?.length, 5);
      assert.equal(second.NextToken, undefined);
    });

    it('honours StartTime/EndTime and rejects MaxResults above 50', async () => {
      const trail = new CloudTrailClient(h.options('us-east-1'));
      const window = await trail.send(
        new LookupEventsCommand({ StartTime: new Date('2026-11-27T08:50:30Z'), EndTime: new Date('2026-11-27T09:00:00Z') }),
      );
      assert.equal(window.Events?.length, 10);
      const tooMany = await failure(trail.send(new LookupEventsCommand({ MaxResults: 51 })));
      assert.equal(tooMany.name, 'InvalidMaxResultsException');
    });

    it('throttles a third request within a second in one region, not in another', async () => {
      const east = new CloudTrailClient(h.options('us-east-1'));
      await east.send(new LookupEventsCommand({ MaxResults: 1 }));
      await east.send(new LookupEventsCommand({ MaxResults: 1 }));
      const third = await failure(east.send(new LookupEventsCommand({ MaxResults: 1 })));
      assert.equal(third.name, 'ThrottlingException');
      await new CloudTrailClient(h.options('eu-west-1')).send(new LookupEventsCommand({ MaxResults: 1 }));
    });
  });

  describe('Resource Groups Tagging API', () => {
    const tagging = (region: string) => new ResourceGroupsTaggingAPIClient(h.options(region));

    it('GetResources never returns untagged resources and stays in its region', async () => {
      const arns: string[] = [];
      for await (const p of paginateGetResources({ client: tagging('eu-west-1') }, { ResourcesPerPage: 50 }))
        arns.push(...(p.ResourceTagMappingList ?? []).map((m) => m.ResourceARN!));
      assert.equal(arns.length, 122);
      assert.ok(!arns.some((a) => a.includes('vol-untagged') || a.includes('eu-untagged') || a.includes('i-east')));
    });

    it('GetResources filters by type and by tag', async () => {
      const buckets = await tagging('eu-west-1').send(new GetResourcesCommand({ ResourceTypeFilters: ['s3:bucket'] }));
      assert.deepEqual(
        buckets.ResourceTagMappingList?.map((m) => m.ResourceARN),
        ['arn:aws:s3:::eu-bucket'],
      );
      const tables = await tagging('eu-west-1').send(new GetResourcesCommand({ ResourceTypeFilters: ['dynamodb'] }));
      assert.equal(tables.ResourceTagMappingList?.length, 1);
      const serviceA = await tagging('eu-west-1').send(new GetResourcesCommand({ TagFilters: [{ Key: 'Service', Values: ['a'] }] }));
      assert.equal(serviceA.ResourceTagMappingList?.length, 60);
    });

    it('TagResources merges per key, reports failures per ARN, and Config re-evaluates the change', async () => {
      const config = new ConfigServiceClient(h.options('eu-west-1'));
      const before = await config.send(
        new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'required-tags', ComplianceTypes: ['NON_COMPLIANT'] }),
      );
      assert.ok(
        before.EvaluationResults?.some((r) => r.EvaluationResultIdentifier?.EvaluationResultQualifier?.ResourceId === 'eu-untagged'),
      );
      const result = await tagging('eu-west-1').send(
        new TagResourcesCommand({
          ResourceARNList: ['arn:aws:s3:::eu-untagged', 'arn:aws:dynamodb:us-east-1:111122223333:table/nope'],
          Tags: { Service: 'late' },
        }),
      );
      assert.deepEqual(Object.keys(result.FailedResourcesMap ?? {}), ['arn:aws:dynamodb:us-east-1:111122223333:table/nope']);
      assert.equal(
        result.FailedResourcesMap?.['arn:aws:dynamodb:us-east-1:111122223333:table/nope']?.ErrorCode,
        'InvalidParameterException',
      );
      const table = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';
      await tagging('eu-west-1').send(new TagResourcesCommand({ ResourceARNList: [table], Tags: { Service: 'orders' } }));
      const { ResourceTagMappingList } = await tagging('eu-west-1').send(new GetResourcesCommand({ ResourceARNList: [table] }));
      assert.deepEqual(ResourceTagMappingList?.[0]?.Tags, [
        { Key: 'Owner', Value: 'x' },
        { Key: 'Service', Value: 'orders' },
      ]);
      const after = await config.send(
        new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'required-tags', ComplianceTypes: ['NON_COMPLIANT'] }),
      );
      assert.ok(
        !after.EvaluationResults?.some((r) => r.EvaluationResultIdentifier?.EvaluationResultQualifier?.ResourceId === 'eu-untagged'),
      );
    });

    describe('ListRequiredTags', () => {
      const organization = (extra: Partial<NonNullable<Scenario['organization']>>): Scenario => ({
        ...scenario,
        organization: { id: 'o-a1b2c3d4e5', managementAccountId: '999988887777', ...extra },
      });

      it('is empty for an account without an organization or tag policy', async () => {
        const answer = await tagging('eu-west-1').send(new ListRequiredTagsCommand({}));
        assert.deepEqual(answer.RequiredTags, []);
        assert.equal(answer.NextToken, undefined);
        h.emulator.load('incident');
        assert.deepEqual((await tagging('ap-northeast-2').send(new ListRequiredTagsCommand({}))).RequiredTags, []);
      });

      it('reports the organization tag policy in every region, paged by MaxResults', async () => {
        const requiredTags = Array.from({ length: 5 }, (_, i) => ({
          resourceType: `ec2:type${i}`,
          reportingTagKeys: ['Owner', `Key${i}`],
        }));
        requiredTags.push({
          resourceType: 's3:bucket',
          reportingTagKeys: ['Owner'],
          cloudFormationResourceTypes: ['AWS::S3::Bucket'],
        } as (typeof requiredTags)[number]);
        h.emulator.load(organization({ requiredTags }));
        const pages: number[] = [];
        const types: string[] = [];
        for await (const p of paginateListRequiredTags({ client: tagging('us-east-1') }, { MaxResults: 4 })) {
          pages.push(p.RequiredTags?.length ?? 0);
          types.push(...(p.RequiredTags ?? []).map((t) => t.ResourceType!));
        }
        assert.deepEqual(pages, [4, 2]);
        assert.deepEqual(types, [...Array.from({ length: 5 }, (_, i) => `ec2:type${i}`), 's3:bucket']);
        const inEurope = await tagging('eu-west-1').send(new ListRequiredTagsCommand({}));
        const bucket = inEurope.RequiredTags?.find((t) => t.ResourceType === 's3:bucket');
        assert.deepEqual(bucket, {
          ResourceType: 's3:bucket',
          CloudFormationResourceTypes: ['AWS::S3::Bucket'],
          ReportingTagKeys: ['Owner'],
        });
        assert.equal(inEurope.RequiredTags?.find((t) => t.ResourceType === 'ec2:type0')?.CloudFormationResourceTypes, undefined);
      });

      it('rejects MaxResults outside 1..200 and a foreign NextToken', async () => {
        h.emulator.load(organization({ requiredTags: [{ resourceType: 's3:bucket', reportingTagKeys: ['Owner'] }] }));
        for (const MaxResults of [0, 201]) {
          assert.equal(
            (await failure(tagging('us-east-1').send(new ListRequiredTagsCommand({ MaxResults })))).name,
            'InvalidParameterException',
          );
        }
        assert.equal(
          (await failure(tagging('us-east-1').send(new ListRequiredTagsCommand({ NextToken: 'bm90LWEtdG9rZW4=' })))).name,
          'InvalidParameterException',
        );
      });

      it('answers AccessDeniedException when the caller may not call it, and the org-aggregator scenario has a tag policy', async () => {
        h.emulator.load(
          organization({ requiredTags: [{ resourceType: 's3:bucket', reportingTagKeys: ['Owner'] }], mayListRequiredTags: false }),
        );
        const denied = await failure(tagging('us-east-1').send(new ListRequiredTagsCommand({})));
        assert.equal(denied.name, 'AccessDeniedException');
        assert.equal(denied.$metadata?.httpStatusCode, 400);
        assert.match(denied.message, /tag:ListRequiredTags/);
        h.emulator.load('org-aggregator');
        const { RequiredTags } = await tagging('us-east-1').send(new ListRequiredTagsCommand({}));
        assert.ok((RequiredTags ?? []).some((t) => t.ResourceType === 'ec2:volume' && t.ReportingTagKeys?.includes('Owner')));
      });

      it('rejects a scenario whose tag policy is malformed, naming the path', () => {
        const bad = organization({ requiredTags: [{ resourceType: 'S3 Bucket', reportingTagKeys: [] }] });
        assert.throws(
          () => h.emulator.load(bad),
          /organization\.requiredTags\[0\]\.resourceType[\s\S]*organization\.requiredTags\[0\]\.reportingTagKeys/,
        );
      });
    });
  });
});
