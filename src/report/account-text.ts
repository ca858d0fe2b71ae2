import type { AccountScan, NonCompliantResource, RegionScan } from '../core/account-model';
import type { CoverageLevel } from '../core/coverage';
import { regionDisplayName } from '../core/regions';
import { plural } from '../core/wording';
import { countScan, regionsProblemsFirst } from './account-summary';

/** The account scan for a terminal: a headline, one line per region (problems first), findings, then errors. */
export function renderAccountText(scan: AccountScan): string {
  const lines: string[] = [];
  lines.push(...headline(scan));
  if (scan.error) {
    lines.push('', `Scan failed: ${scan.error.message}`);
    return lines.join('\n') + '\n';
  }
  const regions = regionsProblemsFirst(scan);
  const width = Math.max(...regions.map((region) => region.region.length), 6);
  const nameWidth = Math.max(...regions.map((region) => regionDisplayName(region.region).length), 6);
  lines.push('', 'Coverage by region (does AWS Config see a change made through this region?)');
  for (const region of regions) {
    lines.push(`  ${MARK[region.verdict.level]} ${region.region.padEnd(width)}  ${regionDisplayName(region.region).padEnd(nameWidth)}  ${region.verdict.summary}${partialErrors(region)}`);
  }
  const findings = regions.flatMap((region) => region.nonCompliant);
  lines.push('');
  if (findings.length === 0) lines.push('No non-compliant resources reported by REQUIRED_TAGS rules.');
  else {
    lines.push(`Non-compliant resources (${findings.length}), by rule:`);
    const byRule = new Map<string, NonCompliantResource[]>();
    for (const finding of findings) {
      const key = `${finding.ruleName} (${finding.region})`;
      byRule.set(key, [...(byRule.get(key) ?? []), finding]);
    }
    for (const [rule, resources] of byRule) {
      lines.push(`  ${rule}`);
      for (const resource of resources) lines.push(`    ${resource.resourceType} ${resource.resourceId}  ${missingText(resource)}${resource.lastEvaluated ? `  (evaluated ${resource.lastEvaluated})` : ''}`);
    }
  }
  const errors = [
    ...scan.accountErrors.map((error) => `  account: ${error.message}`),
    ...regions.flatMap((region) => region.errors.map((error) => `  ${region.region} (${error.part}): ${error.message}`)),
  ];
  if (errors.length > 0) lines.push('', 'Errors:', ...errors);
  return lines.join('\n') + '\n';
}

const MARK: Readonly<Record<CoverageLevel, string>> = { ok: '[ok]', warning: '[~ ]', problem: '[!!]', unknown: '[??]', inactive: '[--]' };

export function missingText(resource: NonCompliantResource): string {
  if (resource.missingKeys === 'unknown') return 'missing: unknown (Config gave no detail)';
  if (resource.missingKeys.length === 0) return 'a tag value is not allowed';
  return `missing: ${resource.missingKeys.join(', ')}`;
}

function partialErrors(region: RegionScan): string {
  const parts = region.verdict.kind === 'scan-failed' ? region.errors.filter((error) => error.part !== 'recorders') : region.errors;
  return parts.length ? `  (also: ${[...new Set(parts.map((error) => error.part))].join(', ')} could not be read)` : '';
}

export function headline(scan: AccountScan): string[] {
  const counts = countScan(scan);
  const who = `Account ${scan.identity?.accountId ?? '(unknown)'}${scan.profile ? `, profile ${scan.profile}` : ', default credentials'}`;
  const lines = [who];
  if (scan.endpoint) lines.push(`Calls went to ${scan.endpoint}, not AWS.`);
  if (scan.cancelled) lines.push('The scan was cancelled: some regions were not read.');
  if (scan.regionSource.reason) lines.push(scan.regionSource.reason);
  if (!scan.error) {
    lines.push(`${plural(counts.regions, 'region')}: ${counts.recorded} recorded, ${counts.notRecorded} not recorded, ${counts.disabled} disabled${counts.failed ? `, ${counts.failed} failed` : ''}; ${plural(counts.nonCompliant, 'non-compliant resource')}.`);
  }
  for (const aggregator of scan.aggregators) lines.push(`Aggregator ${aggregator.name} in ${aggregator.region} (${aggregator.organization ? 'organization' : 'accounts'}, ${aggregator.allRegions ? 'all regions' : aggregator.regions.join(', ') || 'no regions'}).`);
  return lines;
}
