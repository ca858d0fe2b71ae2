import {
  resourceArn,
  type AccountScan,
  type AggregatorInfo,
  type CallerIdentity,
  type RegionOptIn,
  type RegionScan,
} from '../account-model';
import { BUILT_IN_REGIONS } from '../regions';
import { stopsTheScan, type ScanError } from '../scan-error';
import type { ScanOptions, ScanPorts } from './ports';
import type { ScanCalls } from './scan-calls';

/** The account-wide steps of a scan: who the caller is, its aggregators, which regions, and the result. */

export type IdentityResult = { readonly identity: CallerIdentity } | { readonly error: ScanError };

/** GetCallerIdentity. A failure that does not stop the scan is kept in `accountErrors`. */
export function readIdentity(calls: ScanCalls, ports: ScanPorts, accountErrors: ScanError[]): Promise<IdentityResult> {
  return calls
    .call('GetCallerIdentity', { depth: 0, regionIndex: -1 }, () => ports.identity(calls.signal))
    .then(
      (identity) => ({ identity }),
      (error: unknown) => {
        let scanError = calls.errorOf(error, 'GetCallerIdentity');
        // STS in the home region rejecting the keys (InvalidClientTokenId) means bad credentials, not a disabled region.
        if (scanError.kind === 'region-disabled') {
          scanError = {
            ...scanError,
            kind: 'no-credentials',
            message: `AWS rejected the credentials (${scanError.code}): check the profile's keys.`,
          };
          calls.stopWith(scanError);
        }
        if (scanError.kind !== 'cancelled' && !stopsTheScan(scanError)) accountErrors.push(scanError);
        return { error: scanError };
      },
    );
}

/** DescribeConfigurationAggregators in the home region, when the ports can; none when that fails. */
export function readAggregators(calls: ScanCalls, ports: ScanPorts, accountErrors: ScanError[]): Promise<AggregatorInfo[]> {
  if (!ports.describeAggregators) return Promise.resolve([]);
  return calls.pages('DescribeConfigurationAggregators', ports.describeAggregators(calls.signal), { depth: 0, regionIndex: -1 }).then(
    (found) => found.map((aggregator) => ({ ...aggregator, region: ports.homeRegion })),
    (error: unknown) => {
      const scanError = calls.errorOf(error, 'DescribeConfigurationAggregators');
      if (scanError.kind !== 'cancelled' && !stopsTheScan(scanError)) accountErrors.push(scanError);
      return [];
    },
  );
}

export type RegionsToScan =
  { readonly optIns: RegionOptIn[]; readonly regionSource: AccountScan['regionSource'] } | { readonly stopped: ScanError };

/**
 * The regions to scan with their opt-in status: the selected ones, or every region ListRegions names. When the
 * list cannot be read, the selection or the built-in list, with the reason (disabled regions then show as errors).
 */
export async function regionsToScan(
  calls: ScanCalls,
  ports: ScanPorts,
  options: ScanOptions,
  accountErrors: ScanError[],
): Promise<RegionsToScan> {
  const selected = options.regions && options.regions.length > 0 ? options.regions : undefined;
  try {
    const listed = await calls.pages('ListRegions', ports.listRegions(calls.signal), { depth: 0, tail: 3, regionIndex: -1 });
    if (!selected) return { optIns: listed, regionSource: { kind: 'account-api' } };
    const byName = new Map(listed.map((entry) => [entry.region, entry]));
    return {
      optIns: selected.map((region) => byName.get(region) ?? { region, status: 'UNKNOWN' as const }),
      regionSource: { kind: 'selected' },
    };
  } catch (error) {
    const reason = calls.errorOf(error, 'ListRegions');
    if (calls.fatal || reason.kind === 'cancelled') return { stopped: calls.fatal ?? reason };
    accountErrors.push(reason);
    const fallback = selected ?? BUILT_IN_REGIONS.map((info) => info.code);
    return {
      optIns: fallback.map((region) => ({ region, status: 'UNKNOWN' as const })),
      regionSource: selected
        ? { kind: 'selected', reason: `The account's region list could not be read (${reason.message}); disabled regions show as errors.` }
        : {
            kind: 'built-in',
            reason: `The account's region list could not be read (${reason.message}); scanning Tagsight's built-in list instead, where disabled regions show as errors.`,
          },
    };
  }
}

export interface ScanParts {
  readonly startedAt: string;
  readonly identity: IdentityResult;
  readonly aggregators: AggregatorInfo[];
  readonly regionSource: AccountScan['regionSource'] | undefined;
  readonly regions: RegionScan[];
  readonly accountErrors: ScanError[];
  /** What stopped the scan, if anything did. */
  readonly error: ScanError | undefined;
  readonly cancelled: boolean;
}

/** The AccountScan from its parts; findings get the ARN their type's format gives once the account id is known. */
export function assembleScan(parts: ScanParts, options: ScanOptions): AccountScan {
  const identity = 'identity' in parts.identity ? parts.identity.identity : undefined;
  const identityError = 'error' in parts.identity ? parts.identity.error : undefined;
  const accountError = parts.error ?? (identityError && stopsTheScan(identityError) ? identityError : undefined);
  const withArns = parts.regions.map((region) => ({
    ...region,
    nonCompliant: region.nonCompliant.map((resource) => ({
      ...resource,
      arn: resource.arn ?? resourceArn(resource.resourceType, resource.resourceId, resource.region, identity?.accountId),
    })),
  }));
  return {
    identity,
    profile: options.profile,
    endpoint: options.endpoint,
    startedAt: parts.startedAt,
    finishedAt: options.clock.now().toISOString(),
    regionSource: parts.regionSource ?? { kind: 'account-api' },
    regions: withArns,
    aggregators: parts.aggregators,
    accountErrors: parts.accountErrors,
    ...(accountError && accountError.kind !== 'cancelled' ? { error: accountError } : {}),
    cancelled: parts.cancelled,
  };
}
