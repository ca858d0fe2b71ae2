import * as path from 'node:path';
import { TerraformPlanAnalyzer } from '../../../../src/analyzers/terraform-plan/analyzer';
import type { CodeFinding } from '../../../../src/core/code-finding';
import { silentLogger } from '../../../../src/core/logger';
import type { TagPolicy } from '../../../../src/core/tag-policy';

export const PLAN_FIXTURE = path.join(__dirname, 'fixtures', 'plan.json');

export async function analyzePlanText(
  text: string,
  policy: TagPolicy,
  fileName = 'plan.json',
  additionalTaggableTypes?: string[],
): Promise<CodeFinding[]> {
  const session = new TerraformPlanAnalyzer().createSession(`/tmp/${fileName}`);
  try {
    return await session.analyze(text, { policy, logger: silentLogger, ...(additionalTaggableTypes ? { additionalTaggableTypes } : {}) });
  } finally {
    session.dispose();
  }
}

export interface PlannedResource {
  address: string;
  type: string;
  mode?: 'managed' | 'data';
  values?: Record<string, unknown>;
  /** change.after_unknown in resource_changes; omitted: no resource_changes entry. */
  afterUnknown?: Record<string, unknown>;
}

export interface PlannedModule {
  address: string;
  resources: PlannedResource[];
  childModules?: PlannedModule[];
}

/** A plan in Terraform's shape (`terraform show -json`), one line as Terraform writes it. */
export function planJson(resources: PlannedResource[], childModules: PlannedModule[] = []): string {
  const toResource = (resource: PlannedResource) => ({
    address: resource.address,
    mode: resource.mode ?? 'managed',
    type: resource.type,
    name: resource.address
      .replace(/\[.*\]$/, '')
      .split('.')
      .pop(),
    ...(/\[(.*)\]$/.exec(resource.address) ? { index: JSON.parse(/\[(.*)\]$/.exec(resource.address)![1]!) } : {}),
    provider_name: 'registry.terraform.io/hashicorp/aws',
    schema_version: 0,
    ...(resource.values ? { values: resource.values } : {}),
    sensitive_values: {},
  });
  const toModule = (module: PlannedModule): Record<string, unknown> => ({
    resources: module.resources.map(toResource),
    address: module.address,
    ...(module.childModules?.length ? { child_modules: module.childModules.map(toModule) } : {}),
  });
  const all = (list: PlannedResource[], modules: PlannedModule[]): PlannedResource[] => [
    ...list,
    ...modules.flatMap((module) => all(module.resources, module.childModules ?? [])),
  ];
  const changes = all(resources, childModules)
    .filter((resource) => resource.afterUnknown)
    .map((resource) => ({
      address: resource.address,
      mode: resource.mode ?? 'managed',
      type: resource.type,
      name: toResource(resource).name,
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: {
        actions: ['create'],
        before: null,
        after: resource.values ?? {},
        after_unknown: resource.afterUnknown,
        before_sensitive: false,
        after_sensitive: {},
      },
    }));
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: {
      root_module: { resources: resources.map(toResource), ...(childModules.length ? { child_modules: childModules.map(toModule) } : {}) },
    },
    resource_changes: changes,
    applyable: true,
    complete: true,
    errored: false,
  });
}
