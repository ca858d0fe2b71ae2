import type { Scenario, ScenarioResource } from '../scenario';
import { DEFAULT_REGIONS, OPT_IN_REGIONS, hoursBefore, regionList } from './regions';

const ACCOUNT = '456789012345';
export const LARGE_REGION_COUNT = 25;
export const LARGE_RESOURCE_COUNT = 5000;
export const LARGE_NON_COMPLIANT_COUNT = 2000;
const TYPES = [
  { type: 'AWS::EC2::Instance', prefix: 'i-' },
  { type: 'AWS::EC2::Volume', prefix: 'vol-' },
  { type: 'AWS::DynamoDB::Table', prefix: 'table-' },
  { type: 'AWS::RDS::DBInstance', prefix: 'db-' },
] as const;

/**
 * Generated, deterministic: 25 enabled regions, each with a recorder and a REQUIRED_TAGS rule, 200 resources per
 * region of which 80 lack the Service tag (5,000 resources, 2,000 non-compliant). For the scan benchmark.
 */
export function largeScenario(now: Date): Scenario {
  const regions = regionList(OPT_IN_REGIONS, []).slice(0, LARGE_REGION_COUNT);
  if (regions.length !== LARGE_REGION_COUNT || DEFAULT_REGIONS.length + OPT_IN_REGIONS.length < LARGE_REGION_COUNT)
    throw new Error('large scenario needs 25 regions');
  const perRegion = LARGE_RESOURCE_COUNT / LARGE_REGION_COUNT;
  const nonCompliantPerRegion = LARGE_NON_COMPLIANT_COUNT / LARGE_REGION_COUNT;
  const resources: ScenarioResource[] = [];
  regions.forEach((region, r) => {
    for (let i = 0; i < perRegion; i++) {
      const kind = TYPES[i % TYPES.length]!;
      const compliant = i >= nonCompliantPerRegion;
      resources.push({
        region: region.name,
        type: kind.type,
        id: `${kind.prefix}${r.toString(16).padStart(2, '0')}${i.toString(16).padStart(6, '0')}`,
        tags: compliant ? { Service: `svc-${i % 7}`, Env: 'prod' } : { Env: 'dev' },
        createdAt: hoursBefore(now, 24 + i),
      });
    }
  });
  return {
    accountId: ACCOUNT,
    description: 'Generated: 25 regions, 5,000 resources, 2,000 non-compliant.',
    regions,
    recorders: regions.map((r) => ({ region: r.name })),
    deliveryChannels: regions.map((r) => ({ region: r.name, s3BucketName: `config-${ACCOUNT}` })),
    rules: regions.map((r) => ({
      region: r.name,
      name: 'required-tags',
      source: { owner: 'AWS', identifier: 'REQUIRED_TAGS' },
      inputParameters: { tag1Key: 'Service' },
    })),
    resources,
  };
}
