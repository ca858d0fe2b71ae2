/**
 * The built-in list of AWS regions of the commercial partition: the scan falls back to it when Account
 * ListRegions is denied, and the views use it for display names. Coordinates are the city AWS names the region
 * after, as [longitude, latitude] (the coverage map draws them; nothing depends on precision).
 * `optIn` regions are disabled until an account enables them (launched after March 20, 2019).
 */
export interface RegionInfo {
  readonly code: string;
  readonly name: string;
  readonly city: string;
  readonly coordinates: readonly [lon: number, lat: number];
  readonly optIn: boolean;
}

function region(code: string, name: string, city: string, lon: number, lat: number, optIn = false): RegionInfo {
  return { code, name, city, coordinates: [lon, lat], optIn };
}

export const BUILT_IN_REGIONS: readonly RegionInfo[] = [
  region('us-east-1', 'US East (N. Virginia)', 'Ashburn', -77.49, 39.04),
  region('us-east-2', 'US East (Ohio)', 'Columbus', -83.0, 39.96),
  region('us-west-1', 'US West (N. California)', 'San Francisco', -122.42, 37.77),
  region('us-west-2', 'US West (Oregon)', 'Boardman', -119.7, 45.84),
  region('ca-central-1', 'Canada (Central)', 'Montreal', -73.57, 45.5),
  region('ca-west-1', 'Canada West (Calgary)', 'Calgary', -114.07, 51.05, true),
  region('mx-central-1', 'Mexico (Central)', 'Querétaro', -100.39, 20.59, true),
  region('sa-east-1', 'South America (São Paulo)', 'São Paulo', -46.63, -23.55),
  region('eu-west-1', 'Europe (Ireland)', 'Dublin', -6.26, 53.35),
  region('eu-west-2', 'Europe (London)', 'London', -0.13, 51.51),
  region('eu-west-3', 'Europe (Paris)', 'Paris', 2.35, 48.86),
  region('eu-central-1', 'Europe (Frankfurt)', 'Frankfurt', 8.68, 50.11),
  region('eu-central-2', 'Europe (Zurich)', 'Zurich', 8.54, 47.37, true),
  region('eu-south-1', 'Europe (Milan)', 'Milan', 9.19, 45.46, true),
  region('eu-south-2', 'Europe (Spain)', 'Aragón', -0.88, 41.65, true),
  region('eu-north-1', 'Europe (Stockholm)', 'Stockholm', 18.07, 59.33),
  region('il-central-1', 'Israel (Tel Aviv)', 'Tel Aviv', 34.78, 32.09, true),
  region('me-south-1', 'Middle East (Bahrain)', 'Manama', 50.56, 26.07, true),
  region('me-central-1', 'Middle East (UAE)', 'Abu Dhabi', 54.38, 24.45, true),
  region('af-south-1', 'Africa (Cape Town)', 'Cape Town', 18.42, -33.92, true),
  region('ap-south-1', 'Asia Pacific (Mumbai)', 'Mumbai', 72.88, 19.08),
  region('ap-south-2', 'Asia Pacific (Hyderabad)', 'Hyderabad', 78.49, 17.39, true),
  region('ap-east-1', 'Asia Pacific (Hong Kong)', 'Hong Kong', 114.17, 22.32, true),
  region('ap-east-2', 'Asia Pacific (Taipei)', 'Taipei', 121.56, 25.03, true),
  region('ap-southeast-1', 'Asia Pacific (Singapore)', 'Singapore', 103.82, 1.35),
  region('ap-southeast-2', 'Asia Pacific (Sydney)', 'Sydney', 151.21, -33.87),
  region('ap-southeast-3', 'Asia Pacific (Jakarta)', 'Jakarta', 106.85, -6.21, true),
  region('ap-southeast-4', 'Asia Pacific (Melbourne)', 'Melbourne', 144.96, -37.81, true),
  region('ap-southeast-5', 'Asia Pacific (Malaysia)', 'Kuala Lumpur', 101.69, 3.14, true),
  region('ap-southeast-6', 'Asia Pacific (New Zealand)', 'Auckland', 174.76, -36.85, true),
  region('ap-southeast-7', 'Asia Pacific (Thailand)', 'Bangkok', 100.5, 13.76, true),
  region('ap-northeast-1', 'Asia Pacific (Tokyo)', 'Tokyo', 139.69, 35.68),
  region('ap-northeast-2', 'Asia Pacific (Seoul)', 'Seoul', 126.98, 37.57),
  region('ap-northeast-3', 'Asia Pacific (Osaka)', 'Osaka', 135.5, 34.69),
];

const BY_CODE = new Map(BUILT_IN_REGIONS.map((info) => [info.code, info]));

export function regionInfo(code: string): RegionInfo | undefined {
  return BY_CODE.get(code);
}

/** "Asia Pacific (Seoul)", or the code itself for a region newer than this list. */
export function regionDisplayName(code: string): string {
  return BY_CODE.get(code)?.name ?? code;
}

/** A region code as AWS spells them (`ap-northeast-2`, `us-gov-west-1`): guards user input before it reaches a URL. */
export function isRegionCode(value: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(value);
}
