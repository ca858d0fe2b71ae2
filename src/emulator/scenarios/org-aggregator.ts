import type { Scenario, TagMap } from '../scenario';
import { hoursBefore, regionList } from './regions';

const ACCOUNT = '345678901234';
const SOURCES = ['us-east-1', 'eu-west-1', 'ap-northeast-2'];

/**
 * An organization aggregator in us-east-1 over three recorded regions, with non-compliant resources in two; the
 * organization's tag policy requires tags (ListRequiredTags) for volumes, instances and buckets.
 */
export function orgAggregatorScenario(now: Date): Scenario {
  return {
    accountId: ACCOUNT,
    description: 'An organization aggregator in us-east-1 collects three recorded regions.',
    regions: regionList([], ['ap-east-1']),
    recorders: SOURCES.map((region) => ({ region })),
    deliveryChannels: SOURCES.map((region) => ({ region, s3BucketName: `org-config-${ACCOUNT}` })),
    rules: SOURCES.map((region) => ({
      region,
      name: 'required-tags',
      source: { owner: 'AWS', identifier: 'REQUIRED_TAGS' },
      inputParameters: { tag1Key: 'CostCenter', tag1Value: '1000,2000' },
    })),
    resources: SOURCES.flatMap((region, r) =>
      Array.from({ length: 6 }, (_, i) => ({
        region,
        type: 'AWS::EC2::Volume',
        id: `vol-0${r}${String(i).padStart(15, '0')}`,
        tags: ((i + r) % 3 === 0 ? { Name: `scratch-${i}` } : { CostCenter: i % 2 === 0 ? '1000' : '2000' }) as TagMap,
        createdAt: hoursBefore(now, 24 * (5 + i)),
      })),
    ),
    aggregators: [{ region: 'us-east-1', name: 'org-aggregator', kind: 'organization' }],
    organization: {
      id: 'o-a1b2c3d4e5',
      managementAccountId: ACCOUNT,
      // The organization's tag policy asks for more than the account's Config rules check (CostCenter only).
      requiredTags: [
        { resourceType: 'ec2:volume', cloudFormationResourceTypes: ['AWS::EC2::Volume'], reportingTagKeys: ['CostCenter', 'Owner'] },
        {
          resourceType: 'ec2:instance',
          cloudFormationResourceTypes: ['AWS::EC2::Instance'],
          reportingTagKeys: ['CostCenter', 'Owner', 'Environment'],
        },
        { resourceType: 's3:bucket', cloudFormationResourceTypes: ['AWS::S3::Bucket'], reportingTagKeys: ['Owner', 'DataClassification'] },
      ],
    },
  };
}
