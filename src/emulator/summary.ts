import type { World } from './model/world';

export interface StateSummary {
  scenario: string;
  accountId: string;
  now: string;
  regions: {
    name: string;
    optInStatus: string;
    recorders: { name: string; servicePrincipal?: string; recording: boolean; frequency: string }[];
    rules: { name: string; nonCompliant: number; compliant: number }[];
    discovered: number;
    liveResources: number;
    events: number;
  }[];
  buckets: { name: string; region: string; tags: Record<string, string>; discovered: boolean }[];
}

/** What the control API's GET /_tagsight/state returns: enough for a test in another process to assert on. */
export function summarise(world: World, scenario: string): StateSummary {
  return {
    scenario,
    accountId: world.accountId,
    now: world.now().toISOString(),
    regions: [...world.regions.values()].map((region) => ({
      name: region.name,
      optInStatus: region.optInStatus,
      recorders: region.recorders.map((r) => ({
        name: r.name,
        ...(r.servicePrincipal ? { servicePrincipal: r.servicePrincipal } : {}),
        recording: r.status.recording,
        frequency: r.recordingMode.recordingFrequency,
      })),
      rules: region.rules.map((rule) => {
        const results = [...rule.evaluations.values()];
        return {
          name: rule.name,
          nonCompliant: results.filter((e) => e.complianceType === 'NON_COMPLIANT').length,
          compliant: results.filter((e) => e.complianceType === 'COMPLIANT').length,
        };
      }),
      discovered: region.inventory.size,
      liveResources: world.resourcesIn(region.name).length,
      events: region.events.length,
    })),
    buckets: [...world.buckets.values()]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((b) => ({
        name: b.id,
        region: b.region,
        tags: { ...b.tags },
        discovered: world.latestItem(b.region, b.type, b.id) !== undefined,
      })),
  };
}
