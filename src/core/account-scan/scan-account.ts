import type { AccountScan, RegionScan } from '../account-model';
import type { ScanError } from '../scan-error';
import { assembleScan, readAggregators, readIdentity, regionsToScan } from './account-steps';
import type { ScanOptions, ScanPorts } from './ports';
import { failedRegion, scanRegion } from './region-scan';
import { ScanCalls } from './scan-calls';

/**
 * The account scan, as pure orchestration over ports: which calls to make, in which order, how many at once,
 * and how each region's result or error is kept apart. src/aws implements the ports with SDK clients; unit
 * tests with stubs. Every call goes through one limiter (see scan-limiter.ts), every page of a paginated result
 * is one call, and nothing is called twice.
 *
 * Calls per region: ListConfigurationRecorders and DescribeConfigRules first (in parallel); when recorders exist,
 * one DescribeConfigurationRecorders and one DescribeConfigurationRecorderStatus per recorder plus
 * DescribeDeliveryChannels and DescribeDeliveryChannelStatus; one GetComplianceDetailsByConfigRule page (100
 * results) at a time per REQUIRED_TAGS rule (or, with `aggregator`, GetAggregateComplianceDetailsByConfigRule in the
 * home region); one GetResources per 100 findings whose missing keys Config did not name. Account-wide:
 * GetCallerIdentity, ListRegions and, in the home region, DescribeConfigurationAggregators.
 */
export async function scanAccount(ports: ScanPorts, options: ScanOptions): Promise<AccountScan> {
  const startedAt = options.clock.now().toISOString();
  const calls = new ScanCalls(ports, options.concurrency, options.signal);
  const accountErrors: ScanError[] = [];
  const identity = readIdentity(calls, ports, accountErrors);
  const aggregators = readAggregators(calls, ports, accountErrors);

  const finish = async (
    regions: RegionScan[],
    error: ScanError | undefined,
    regionSource?: AccountScan['regionSource'],
  ): Promise<AccountScan> => {
    calls.detach();
    const parts = { startedAt, identity: await identity, aggregators: await aggregators, regionSource, regions, accountErrors, error };
    return assembleScan({ ...parts, cancelled: calls.cancelledByCaller }, options);
  };

  const toScan = await regionsToScan(calls, ports, options, accountErrors);
  if ('stopped' in toScan) return finish([], toScan.stopped);
  const { optIns, regionSource } = toScan;
  options.onProgress?.({ type: 'regions', regions: optIns });

  let done = 0;
  const regions = await Promise.all(
    optIns.map(async (optIn, regionIndex) => {
      const result = await scanRegion({ calls, ports, options, identity }, optIn, regionIndex).catch((error: unknown) =>
        failedRegion(calls, optIn, calls.errorOf(error, 'scan')),
      );
      done++;
      options.onProgress?.({ type: 'region-done', region: result, done, total: optIns.length });
      return result;
    }),
  );
  return finish(regions, calls.fatal, regionSource);
}
