import type { Scenario } from '../scenario';
import { hoursBefore, regionList } from './regions';

export const INCIDENT_ACCOUNT = '123456789012';

/**
 * The seed incident: Config records only in ap-northeast-2, where a REQUIRED_TAGS rule wants `Service`. Tagged
 * buckets were created in-region; `rnd-transcribe-test` was created through the us-east-1 endpoint with
 * LocationConstraint ap-northeast-2 by a GUI tool, so its CreateBucket event sits in us-east-1 and the
 * ap-northeast-2 recorder has not discovered it (until a sweep).
 */
export function incidentScenario(now: Date): Scenario {
  return {
    accountId: INCIDENT_ACCOUNT,
    description: 'Recorder only in ap-northeast-2; an untagged bucket created there through the us-east-1 endpoint is invisible to Config.',
    regions: regionList([], ['ap-east-1', 'me-south-1']),
    recorders: [
      {
        region: 'ap-northeast-2',
        recordingGroup: {
          allSupported: true,
          includeGlobalResourceTypes: false,
          recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
        },
        recordingMode: { recordingFrequency: 'CONTINUOUS' },
        status: {
          recording: true,
          lastStatus: 'SUCCESS',
          lastStartTime: hoursBefore(now, 24 * 200),
          lastStatusChangeTime: hoursBefore(now, 1),
        },
      },
    ],
    deliveryChannels: [
      { region: 'ap-northeast-2', s3BucketName: `config-bucket-${INCIDENT_ACCOUNT}`, deliveryFrequency: 'TwentyFour_Hours' },
    ],
    rules: [
      {
        region: 'ap-northeast-2',
        name: 'required-tags',
        description: 'Every bucket and instance carries a Service tag.',
        source: { owner: 'AWS', identifier: 'REQUIRED_TAGS' },
        inputParameters: { tag1Key: 'Service' },
        scope: { complianceResourceTypes: ['AWS::S3::Bucket', 'AWS::EC2::Instance'] },
      },
    ],
    resources: [
      {
        region: 'ap-northeast-2',
        type: 'AWS::EC2::Instance',
        id: 'i-0a1b2c3d4e5f60718',
        tags: { Name: 'transcribe-worker', Service: 'transcribe' },
        createdAt: hoursBefore(now, 24 * 30),
      },
      {
        region: 'ap-northeast-2',
        type: 'AWS::EC2::Instance',
        id: 'i-0f9e8d7c6b5a40312',
        tags: { Name: 'scratch-box' },
        createdAt: hoursBefore(now, 24 * 12),
      },
      {
        region: 'us-east-1',
        type: 'AWS::EC2::Instance',
        id: 'i-0123456789abcdef0',
        tags: { Name: 'legacy-api' },
        createdAt: hoursBefore(now, 24 * 400),
      },
    ],
    buckets: [
      { name: 'corp-website-assets', region: 'us-east-1', tags: { Service: 'web' }, createdAt: hoursBefore(now, 24 * 700) },
      {
        name: `config-bucket-${INCIDENT_ACCOUNT}`,
        region: 'ap-northeast-2',
        tags: { Service: 'config', 'aws:cloudformation:stack-name': 'config-setup' },
        createdAt: hoursBefore(now, 24 * 200),
      },
    ],
    bucketCreations: [
      {
        bucket: 'transcribe-audio-input',
        endpointRegion: 'ap-northeast-2',
        locationConstraint: 'ap-northeast-2',
        tags: { Service: 'transcribe' },
        userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64',
        userName: 'deploy-bot',
        at: hoursBefore(now, 24 * 20),
      },
      {
        bucket: 'transcribe-results',
        endpointRegion: 'ap-northeast-2',
        locationConstraint: 'ap-northeast-2',
        tags: { Service: 'transcribe', Owner: 'ml-team' },
        userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64',
        userName: 'deploy-bot',
        at: hoursBefore(now, 24 * 20),
      },
      {
        bucket: 'rnd-transcribe-test',
        endpointRegion: 'us-east-1',
        locationConstraint: 'ap-northeast-2',
        userAgent: 'Cyberduck/8.7.2.40975 (Mac OS X/14.4.1) (aarch64)',
        userName: 'rnd-intern',
        at: hoursBefore(now, 3),
      },
    ],
    events: [
      {
        region: 'ap-northeast-2',
        eventName: 'StartConfigurationRecorder',
        eventSource: 'config.amazonaws.com',
        eventTime: hoursBefore(now, 24 * 60),
        username: 'platform-admin',
      },
    ],
  };
}
