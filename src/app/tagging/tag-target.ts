import { resourceArn, type AccountScan } from '../../core/account-model';
import { BUCKET_RESOURCE_TYPE, type BlindSpot, type BlindSpotReport } from '../../core/blind-spot';
import { requiredTagsRulesFor } from '../../core/blind-spot-rules';
import type { RequiredTag } from '../../core/tag-policy';
import type { TagTarget } from './add-missing-tags';

/**
 * What `tagsight.addMissingTags` receives, from any caller: a blind-spot node (`{ blindSpot }`), a finding node or
 * a watch notification (`{ region, resourceType, resourceId, arn? }`). Resolved here into the resource and the
 * requirements that apply to it now: the REQUIRED_TAGS rules of its region plus the workspace policy, and whether
 * it is a blind spot (a watch notification names a bucket the same way whether Config has it or not).
 * No vscode import: unit-tested in plain Node.
 */
export interface TargetContext {
  readonly scan?: AccountScan;
  /** The latest blind-spot report: a bucket listed there is one Config has not discovered. */
  readonly blindSpots?: BlindSpotReport;
  /** The workspace policy file and setting; account rules come from the scan, per region. */
  readonly workspaceRequirements: readonly RequiredTag[];
}

interface ResourceRef {
  readonly region: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly arn?: string;
}

function isResourceRef(value: unknown): value is ResourceRef {
  const ref = value as Partial<ResourceRef> | null;
  return (
    typeof ref === 'object' &&
    ref !== null &&
    typeof ref.region === 'string' &&
    typeof ref.resourceType === 'string' &&
    typeof ref.resourceId === 'string'
  );
}

function blindSpotOf(value: unknown): BlindSpot | undefined {
  const spot = (value as { blindSpot?: BlindSpot } | null)?.blindSpot;
  return spot && typeof spot.bucket === 'string' && typeof spot.region === 'string' ? spot : undefined;
}

export function resolveTagTarget(argument: unknown, context: TargetContext): TagTarget | undefined {
  const spot = blindSpotOf(argument);
  const ref: ResourceRef | undefined = spot
    ? { region: spot.region, resourceType: BUCKET_RESOURCE_TYPE, resourceId: spot.bucket, arn: spot.arn }
    : isResourceRef(argument)
      ? argument
      : undefined;
  if (!ref) return undefined;
  const region = context.scan?.regions.find((candidate) => candidate.region === ref.region);
  const rules = region ? requiredTagsRulesFor(region, ref.resourceType) : { ruleNames: spot?.ruleNames ?? [], requirements: [] };
  const workspace = context.workspaceRequirements.filter((requirement) => requirement.source.kind !== 'config-rule');
  const requirements = [...rules.requirements, ...workspace];
  if (ref.resourceType === BUCKET_RESOURCE_TYPE) {
    const blindSpot =
      spot !== undefined ||
      (context.blindSpots?.blindSpots ?? []).some((candidate) => candidate.bucket === ref.resourceId && candidate.region === ref.region);
    return { kind: 's3-bucket', bucket: ref.resourceId, region: ref.region, requirements, ruleNames: rules.ruleNames, blindSpot };
  }
  const arn = ref.arn ?? resourceArn(ref.resourceType, ref.resourceId, ref.region, context.scan?.identity?.accountId);
  if (!arn) return undefined;
  return {
    kind: 'resource',
    arn,
    resourceType: ref.resourceType,
    resourceId: ref.resourceId,
    region: ref.region,
    requirements,
    ruleNames: rules.ruleNames,
  };
}
