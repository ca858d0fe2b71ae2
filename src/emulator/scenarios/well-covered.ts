import type { Scenario, ScenarioBucketCreation, ScenarioRecorder, ScenarioRule } from '../scenario';
import { DEFAULT_REGIONS, hoursBefore, regionList } from './regions';

const ACCOUNT = '210987654321';
const RECORDED = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-2'];

/**
 * Recorders in every enabled region (one DAILY, one with exclusions), a REQUIRED_TAGS rule where buckets live,
 * and every bucket created in-region and tagged. The scan should find little to report.
 */
export function wellCoveredScenario(now: Date): Scenario {
  const enabled = [...DEFAULT_REGIONS];
  const recorders: ScenarioRecorder[] = enabled.map((region) => {
    if (region === 'us-west-2') return { region, recordingMode: { recordingFrequency: 'DAILY' } };
    if (region === 'eu-central-1') {
      return {
        region,
        recordingGroup: {
          allSupported: false,
          exclusionByResourceTypes: { resourceTypes: ['AWS::EC2::NetworkInterface', 'AWS::EC2::Volume'] },
          recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' },
        },
        recordingMode: {
          recordingFrequency: 'CONTINUOUS',
          recordingModeOverrides: [
            { description: 'cheap daily for instances', resourceTypes: ['AWS::EC2::Instance'], recordingFrequency: 'DAILY' },
          ],
        },
      };
    }
    return {
      region,
      recordingGroup: {
        allSupported: true,
        includeGlobalResourceTypes: region === 'us-east-1',
        recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
      },
    };
  });
  recorders.push({ region: 'us-east-1', servicePrincipal: 'securitylake.amazonaws.com', name: 'AWSConfigurationRecorderForSecurityLake' });
  const rules: ScenarioRule[] = RECORDED.map((region) => ({
    region,
    name: 'required-tags',
    source: { owner: 'AWS', identifier: 'REQUIRED_TAGS' },
    inputParameters: { tag1Key: 'Service', tag2Key: 'Owner' },
    scope: { complianceResourceTypes: ['AWS::S3::Bucket', 'AWS::EC2::Instance'] },
  }));
  const bucketCreations: ScenarioBucketCreation[] = RECORDED.map((region, i) => ({
    bucket: `wc-${region}-data`,
    endpointRegion: region,
    ...(region === 'us-east-1' ? {} : { locationConstraint: region }),
    tags: { Service: 'data', Owner: `team-${i}` },
    userAgent: 'aws-sdk-js/3.600.0',
    at: hoursBefore(now, 24 * (10 + i)),
  }));
  return {
    accountId: ACCOUNT,
    description: 'Recorders everywhere (us-west-2 DAILY, eu-central-1 with exclusions); everything tagged.',
    regions: regionList(['eu-south-1'], ['ap-east-1']),
    recorders: [...recorders, { region: 'eu-south-1' }],
    deliveryChannels: [...enabled, 'eu-south-1'].map((region) => ({ region, s3BucketName: `config-${ACCOUNT}` })),
    rules,
    resources: RECORDED.map((region, i) => ({
      region,
      type: 'AWS::EC2::Instance',
      id: `i-0wc${String(i).padStart(14, '0')}`,
      tags: { Service: 'api', Owner: 'platform' },
      createdAt: hoursBefore(now, 24 * 40),
    })),
    buckets: [
      {
        name: 'wc-legacy-eu-logs',
        region: 'eu-west-1',
        tags: { Service: 'logs', Owner: 'platform' },
        legacyEuLocation: true,
        createdAt: hoursBefore(now, 24 * 3000),
      },
    ],
    bucketCreations,
  };
}
