import { ListRequiredTagsCommand, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { PolicyFileOptions } from '../core/policy-file';
import type { RequiredTag, RequirementSource } from '../core/tag-policy';
import { classifyAwsError } from './errors';

/**
 * The organization's tag policy as the account sees it: the Resource Groups Tagging API's ListRequiredTags, which
 * lists the `report_required_tag_for` keys of the effective tag policy per resource type. One requirement per key,
 * applying to every type that requires it.
 *
 * Types: AWS's own CloudFormationResourceTypes when the answer carries them, else the Organizations type
 * (`s3:bucket`) through `resolveType`, the same mapping the policy file uses (injected, because the type table lives
 * in the analyzers). A type neither gives is left out and reported, never widened to "every type".
 *
 * Many accounts may not call it (it needs `tag:ListRequiredTags`, often denied outside the management account): an
 * access denial is a normal outcome, "not allowed", with a reason the caller can show; other errors are thrown.
 */
export const ORGANIZATIONS_SOURCE: RequirementSource = { kind: 'organizations', name: 'AWS Organizations tag policy' };

export type OrganizationsRequiredTags =
  | { readonly status: 'loaded'; readonly requirements: readonly RequiredTag[]; readonly unmappedTypes: readonly string[] }
  | { readonly status: 'not-allowed'; readonly requirements: readonly RequiredTag[]; readonly reason: string };

export interface OrganizationsRequiredTagsOptions {
  readonly resolveType: NonNullable<PolicyFileOptions['resolveType']>;
  readonly signal?: AbortSignal;
}

/** A NextToken that keeps coming back would loop forever; the real list is a few dozen types at most. */
const MAX_PAGES = 100;

export async function readOrganizationsRequiredTags(
  client: ResourceGroupsTaggingAPIClient,
  options: OrganizationsRequiredTagsOptions,
): Promise<OrganizationsRequiredTags> {
  const typesByKey = new Map<string, string[]>();
  const unmappedTypes: string[] = [];
  let nextToken: string | undefined;
  try {
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const answer = await client.send(new ListRequiredTagsCommand(nextToken ? { NextToken: nextToken } : {}), {
        abortSignal: options.signal,
      });
      for (const entry of answer.RequiredTags ?? []) {
        const types = cloudFormationTypes(entry, options.resolveType);
        if (types.length === 0) {
          if (entry.ResourceType) unmappedTypes.push(entry.ResourceType);
          continue;
        }
        for (const key of entry.ReportingTagKeys ?? []) {
          const known = typesByKey.get(key) ?? [];
          for (const type of types) if (!known.includes(type)) known.push(type);
          typesByKey.set(key, known);
        }
      }
      nextToken = answer.NextToken || undefined;
      if (!nextToken) break;
    }
  } catch (error) {
    const classified = classifyAwsError(error, 'ListRequiredTags');
    if (classified.kind !== 'access-denied') throw error;
    return {
      status: 'not-allowed',
      requirements: [],
      reason: `The organization's required tags were not read: these credentials may not call tag:ListRequiredTags (${classified.code ?? 'access denied'}). The account's Config rules and the workspace policy still apply.`,
    };
  }
  const requirements = [...typesByKey].map(([key, resourceTypes]): RequiredTag => ({ key, resourceTypes, source: ORGANIZATIONS_SOURCE }));
  return { status: 'loaded', requirements, unmappedTypes };
}

function cloudFormationTypes(
  entry: { ResourceType?: string; CloudFormationResourceTypes?: string[] },
  resolveType: OrganizationsRequiredTagsOptions['resolveType'],
): string[] {
  const given = (entry.CloudFormationResourceTypes ?? []).filter((type) => type.length > 0);
  if (given.length > 0) return given;
  const resolved = entry.ResourceType ? resolveType(entry.ResourceType) : undefined;
  return resolved ? [resolved] : [];
}
