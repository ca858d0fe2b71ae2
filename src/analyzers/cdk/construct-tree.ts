import type { StatementPlace } from './program';
import { type Known, type ResolvedTags, STACK_TYPE, type TagOperation, TagManagerState, UNKNOWN, withStackTags } from './tag-aspect';

/**
 * The construct tree a CDK program builds, as far as the source tells it: each node with the tag operations
 * aimed at it and what is unknown about it. A tree whose root is not an App of this file (a stack class
 * instantiated elsewhere, a scope passed in) is `detached`: its tags from above are unknown.
 */
export type ConstructKind = 'app' | 'stack' | 'scope' | 'resource' | 'detached';

export interface ConstructSource {
  readonly place: StatementPlace;
  /** Offsets of `new s3.Bucket(this, 'Logs'` (up to the id): where a finding points. */
  readonly start: number;
  readonly end: number;
  /** How the statement's scope names the construct (`bucket`, `this.logs`); undefined when unnamed. */
  readonly reference?: string;
  /** Made inside another expression of the statement (`{ role: new iam.Role(...) }`): no statement of its own. */
  readonly nested: boolean;
}

export class ConstructNode {
  readonly children: ConstructNode[] = [];
  readonly operations: TagOperation[] = [];
  readonly uncertainKeys = new Set<string>();
  /** A function, a construct of unknown code, or an aspect may tag anything here. */
  everyKeyUncertain = false;
  /** Stack only: the `tags` prop; undefined when none. */
  stackTags: Known<ReadonlyMap<string, string | undefined>> | undefined;
  /** Resource only: an L1's own `tags` prop; undefined when none. */
  initialTags: Known<ReadonlyMap<string, string | undefined>> | undefined;

  constructor(
    readonly kind: ConstructKind,
    readonly id: string | undefined,
    readonly parent: ConstructNode | undefined,
    readonly className: string,
    readonly cfnType?: string,
    readonly source?: ConstructSource,
  ) {
    parent?.children.push(this);
  }

  private chainCache: readonly ConstructNode[] | undefined;

  /** Root first, this node last (a node's ancestors never change). */
  chain(): readonly ConstructNode[] {
    this.chainCache ??= this.parent ? [...this.parent.chain(), this] : [this];
    return this.chainCache;
  }

  /** True when the tree up to an App of this file is known. */
  get rooted(): boolean {
    return this.chain()[0]!.kind === 'app';
  }

  /** The construct path below the root (`Stack/Logs`), as `aws:cdk:path` has it; `?` for ids not known. */
  get path(): string {
    return this.chain()
      .slice(1)
      .map((node) => node.id ?? '?')
      .join('/');
  }
}

export interface GlobalUncertainty {
  readonly keys: Set<string>;
  every: boolean;
}

function applyUncertainty(state: TagManagerState, chain: readonly ConstructNode[], global: GlobalUncertainty): void {
  if (global.every) state.markAllUncertain();
  for (const key of global.keys) state.markUncertain(key);
  for (const node of chain) {
    if (node.everyKeyUncertain || node.kind === 'detached') state.markAllUncertain();
    for (const key of node.uncertainKeys) state.markUncertain(key);
  }
}

function resolveChain(
  chain: readonly ConstructNode[],
  resourceType: string,
  initial: Known<ReadonlyMap<string, string | undefined>> | undefined,
  global: GlobalUncertainty,
): ResolvedTags {
  const state = new TagManagerState(resourceType);
  if (initial !== undefined) state.setInitial(initial === UNKNOWN ? UNKNOWN : initial);
  applyUncertainty(state, chain, global);
  for (const node of chain) for (const operation of node.operations) state.apply(operation);
  return state.resolve();
}

/** The tags CDK writes into the resource's template: its aspects and own tags, without its stack's. */
export function resolveTemplateTags(resource: ConstructNode, global: GlobalUncertainty): ResolvedTags {
  return resolveChain(resource.chain(), resource.cfnType ?? '', resource.initialTags, global);
}

/**
 * The tags a resource construct carries when deployed: the aspects along its chain applied as CDK does, then its
 * stack's tags (see withStackTags).
 */
export function resolveResourceTags(
  resource: ConstructNode,
  global: GlobalUncertainty,
  stacks?: Map<ConstructNode, ResolvedTags>,
): ResolvedTags {
  const chain = resource.chain();
  const own = resolveTemplateTags(resource, global);
  const stackIndex = findLastIndex(chain, (node) => node.kind === 'stack');
  if (stackIndex < 0) return own;
  const stack = chain[stackIndex]!;
  let stackTags = stacks?.get(stack);
  if (!stackTags) {
    stackTags = resolveChain(chain.slice(0, stackIndex + 1), STACK_TYPE, stack.stackTags ?? new Map(), global);
    stacks?.set(stack, stackTags);
  }
  return withStackTags(own, stackTags);
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}
