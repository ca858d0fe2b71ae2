import type { ScenarioRegion } from '../scenario';

/** Regions enabled for every account (launched before March 2019). */
export const DEFAULT_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-south-1',
] as const;

/** Opt-in regions (launched after March 2019). */
export const OPT_IN_REGIONS = [
  'ap-east-1',
  'me-south-1',
  'af-south-1',
  'eu-south-1',
  'ap-southeast-3',
  'me-central-1',
  'eu-central-2',
  'il-central-1',
] as const;

export function regionList(enabledOptIn: readonly string[], disabledOptIn: readonly string[]): ScenarioRegion[] {
  return [
    ...DEFAULT_REGIONS.map((name) => ({ name, optInStatus: 'ENABLED_BY_DEFAULT' as const })),
    ...enabledOptIn.map((name) => ({ name, optInStatus: 'ENABLED' as const })),
    ...disabledOptIn.map((name) => ({ name, optInStatus: 'DISABLED' as const })),
  ];
}

export function hoursBefore(now: Date, hours: number): string {
  return new Date(now.getTime() - hours * 3600_000).toISOString();
}
