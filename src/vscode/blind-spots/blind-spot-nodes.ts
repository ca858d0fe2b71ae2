import { describeEvidence, type BlindSpot, type UnwatchedRegion } from '../../core/blind-spot';
import { formatWhen } from '../../core/when';
import { plural } from '../../core/wording';
import type { BlindSpotsState } from './blind-spots-service';

/**
 * What the "Blind spots" group of the Findings view shows, from one snapshot of the check's state. The group node
 * carries its snapshot, and every node below is built from it: VS Code asks for a node's item and for its
 * children at different moments, and the state may move in between (a check starts or ends, a write updates a
 * bucket), so a label and the children under it could otherwise describe two different states. The refresh that
 * follows every change hands out a new snapshot. No vscode import: blind-spots-section.ts turns nodes into items.
 */
export type ShownState = Exclude<BlindSpotsState, { readonly kind: 'idle' }>;

export type BlindSpotNode =
  | { readonly kind: 'group'; readonly state: ShownState }
  | {
      readonly kind: 'spot';
      readonly blindSpot: BlindSpot;
      readonly arn: string;
      readonly region: string;
      readonly resourceType: string;
      readonly resourceId: string;
      /** Shown expanded: few blind spots in its report. */
      readonly expanded: boolean;
    }
  | {
      readonly kind: 'detail';
      readonly id: string;
      readonly label: string;
      readonly description?: string;
      readonly tooltip?: string;
      readonly icon?: string;
    }
  | { readonly kind: 'unwatched'; readonly regions: readonly UnwatchedRegion[] }
  | { readonly kind: 'unwatched-region'; readonly region: UnwatchedRegion }
  | {
      readonly kind: 'message';
      readonly id: string;
      readonly label: string;
      readonly tooltip?: string;
      readonly contextValue?: string;
      readonly icon: string;
    };

/** With a few blind spots, their evidence is shown at once; a long list stays collapsed. */
const EXPAND_AT_MOST = 3;

/** The group, or nothing before the first check. */
export function blindSpotsRoots(state: BlindSpotsState): BlindSpotNode[] {
  return state.kind === 'idle' ? [] : [{ kind: 'group', state }];
}

/** "2 not seen by Config", "none", "checking…": never "0 not seen". */
export function groupDescription(state: ShownState): string {
  switch (state.kind) {
    case 'checking':
      return 'checking…';
    case 'failed':
      return 'check failed';
    case 'done': {
      const count = state.report.blindSpots.length;
      if (count > 0) return `${count} not seen by Config`;
      return state.report.regionErrors.length > 0 ? 'none in the regions read' : 'none';
    }
  }
}

/** "1 bucket in us-east-1", "3 buckets in 2 regions": only regions that hold buckets count here. */
export function unwatchedDescription(regions: readonly UnwatchedRegion[]): string {
  const holding = regions.filter((region) => region.buckets.length > 0);
  const buckets = holding.reduce((sum, region) => sum + region.buckets.length, 0);
  return `${plural(buckets, 'bucket')} in ${holding.length === 1 ? holding[0]!.region : plural(holding.length, 'region')}`;
}

function spotNode(spot: BlindSpot, expanded: boolean): BlindSpotNode {
  return {
    kind: 'spot',
    blindSpot: spot,
    arn: spot.arn,
    region: spot.region,
    resourceType: spot.resourceType,
    resourceId: spot.bucket,
    expanded,
  };
}

function groupChildren(state: ShownState): BlindSpotNode[] {
  if (state.kind === 'checking')
    return [{ kind: 'message', id: 'checking', label: 'Checking buckets, Config inventories and CloudTrail…', icon: 'loading~spin' }];
  if (state.kind === 'failed')
    return [
      { kind: 'message', id: 'failed', label: 'The blind-spot check failed', tooltip: state.message, contextValue: 'error', icon: 'error' },
    ];
  const report = state.report;
  const expanded = report.blindSpots.length <= EXPAND_AT_MOST;
  const nodes: BlindSpotNode[] = report.blindSpots.map((spot) => spotNode(spot, expanded));
  if (report.blindSpots.length === 0) {
    nodes.push(
      report.regionErrors.length > 0
        ? { kind: 'message', id: 'none', label: 'No blind spot in the regions that could be read', icon: 'info' }
        : { kind: 'message', id: 'none', label: 'Every bucket in a recorded region is known to Config', icon: 'pass' },
    );
  }
  // Regions without buckets are the Coverage view's business; here only the buckets nobody watches, by name.
  if (report.unwatchedRegions.some((region) => region.buckets.length > 0))
    nodes.push({ kind: 'unwatched', regions: report.unwatchedRegions });
  for (const unknown of report.unknown) {
    nodes.push({
      kind: 'message',
      id: `unknown:${unknown.bucket}`,
      label: `${unknown.bucket}: not checked`,
      tooltip: unknown.reason,
      icon: 'question',
    });
  }
  for (const error of report.regionErrors) {
    nodes.push({
      kind: 'message',
      id: `error:${error.service}:${error.region}`,
      label: `${error.region}: ${error.service === 'cloudtrail' ? 'CloudTrail' : error.service === 's3' ? 'S3' : 'Config'} could not be read`,
      tooltip: error.message,
      contextValue: 'error',
      icon: 'warning',
    });
  }
  return nodes;
}

function spotDetails(spot: BlindSpot): BlindSpotNode[] {
  const id = spot.arn;
  const details: BlindSpotNode[] = [
    {
      kind: 'detail',
      id: `${id}:prediction`,
      label: spot.prediction.summary,
      tooltip: spot.prediction.sources.map((s) => s.name).join(', '),
      icon: spot.prediction.state === 'predicted-non-compliant' ? 'warning' : 'info',
    },
  ];
  if (spot.creation) {
    for (const line of describeEvidence(spot.creation, { now: new Date() })) {
      details.push({
        kind: 'detail',
        id: `${id}:${line.label}`,
        label: line.label,
        description: line.value,
        tooltip: line.value,
        icon: 'history',
      });
    }
  } else if (spot.unseenSince) {
    details.push({
      kind: 'detail',
      id: `${id}:created`,
      label: 'Created at',
      description: `${formatWhen(spot.unseenSince, { now: new Date() })} (bucket creation date; no CloudTrail event in the look-back)`,
      icon: 'history',
    });
  }
  details.push({
    kind: 'detail',
    id: `${id}:follows`,
    label: 'What follows',
    description: spot.whatFollows,
    tooltip: spot.whatFollows,
    icon: 'lightbulb',
  });
  return details;
}

/** A node's children, from the node alone. */
export function blindSpotsChildren(node: BlindSpotNode): BlindSpotNode[] {
  switch (node.kind) {
    case 'group':
      return groupChildren(node.state);
    case 'spot':
      return spotDetails(node.blindSpot);
    case 'unwatched':
      return node.regions.filter((region) => region.buckets.length > 0).map((region) => ({ kind: 'unwatched-region', region }));
    case 'unwatched-region':
      return node.region.buckets.map((bucket) => ({
        kind: 'message',
        id: `unwatched:${node.region.region}:${bucket}`,
        label: bucket,
        tooltip: node.region.message,
        icon: 'package',
      }));
    default:
      return [];
  }
}
