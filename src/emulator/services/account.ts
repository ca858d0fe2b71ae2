import type { World } from '../model/world';
import { page } from '../protocol/pagination';
import { ServiceError, type EmulatorRequest, type EmulatorResponse } from '../protocol/request';
import { jsonOk } from '../protocol/respond';
import { parseJsonBody } from './json-body';

export function accountOperation(method: string, path: string): string | undefined {
  if (method !== 'POST') return undefined;
  return ({ '/listRegions': 'ListRegions', '/getRegionOptStatus': 'GetRegionOptStatus' } as Record<string, string>)[path];
}

/** Account Management (REST-JSON): the account's regions and their opt-in status. */
export function handleAccount(world: World, request: EmulatorRequest): EmulatorResponse {
  const input = parseJsonBody(request.body);
  if (request.operation === 'GetRegionOptStatus') {
    const region = world.regions.get(String(input.RegionName));
    if (!region) throw new ServiceError('ValidationException', `Invalid region ${String(input.RegionName)}`);
    return jsonOk({ RegionName: region.name, RegionOptStatus: region.optInStatus }, 'rest-json');
  }
  const statuses = input.RegionOptStatusContains as string[] | undefined;
  const max = input.MaxResults === undefined ? 50 : Number(input.MaxResults);
  if (!Number.isInteger(max) || max < 1 || max > 50) throw new ServiceError('ValidationException', 'MaxResults must be between 1 and 50');
  const regions = [...world.regions.values()]
    .filter((r) => !statuses || statuses.length === 0 || statuses.includes(r.optInStatus))
    .map((r) => ({ RegionName: r.name, RegionOptStatus: r.optInStatus }));
  const result = page(regions, 'ListRegions', input.NextToken, max, 'ValidationException');
  return jsonOk({ Regions: result.items, ...(result.next ? { NextToken: result.next } : {}) }, 'rest-json');
}
