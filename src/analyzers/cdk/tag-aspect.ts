/**
 * CDK's tag semantics, as aws-cdk-lib's TagManager and tag aspects (Tags.of(scope).add/remove) apply them at synth:
 * - every Tags.of(scope) operation visits the scope and all constructs below it;
 * - for one resource, the operations of its ancestors come first (root down), then its own, each in the order
 *   they were added; an operation wins when its priority is >= the priority of what set the key before
 *   (defaults: add 100, remove 200, tags given to an L1 construct's own `tags` 50);
 * - `includeResourceTypes` (non-empty: only these types) and `excludeResourceTypes` select by the resource's
 *   CloudFormation type (`aws:cdk:stack` for a stack).
 * Anything not known statically (a key, a priority, a type list) makes the key, or every key, unknown: unknown is
 * never reported as missing.
 */

export const ADD_PRIORITY = 100;
export const REMOVE_PRIORITY = 200;
export const INITIAL_PRIORITY = 50;
export const STACK_TYPE = 'aws:cdk:stack';

/** A value or a list not known statically. */
export const UNKNOWN = Symbol('unknown');
export type Known<T> = T | typeof UNKNOWN;

export interface TagOperation {
  readonly action: 'add' | 'remove';
  readonly key: Known<string>;
  /** Add only; UNKNOWN when the value is an expression. */
  readonly value?: Known<string>;
  readonly priority: Known<number>;
  readonly includeResourceTypes: Known<readonly string[]>;
  readonly excludeResourceTypes: Known<readonly string[]>;
  /** Found in code that may run or not (a loop, a branch, a function): it may or may not apply. */
  readonly mayNotRun?: boolean;
  /** The target is a stack or an ancestor of one and Tags.of(...).add was used: see `explicitStackTags`. */
}

export interface ResolvedTags {
  /** Keys surely present, with their value (undefined when not known statically). */
  readonly entries: Map<string, string | undefined>;
  /** Keys that may or may not be present. */
  readonly uncertain: Set<string>;
  /** False when any key at all may be present. */
  readonly complete: boolean;
}

type Applies = 'yes' | 'no' | 'maybe';

/**
 * Whether an operation reaches a TagManager of this type. For a stack, Tags.of(...).add also depends on the
 * `@aws-cdk/core:explicitStackTags` feature flag (set: stacks are skipped unless `aws:cdk:stack` is included),
 * which is read from cdk.json, not from the code: where it would decide, the answer is `maybe`.
 */
function applies(operation: TagOperation, resourceType: string): Applies {
  const { includeResourceTypes: include, excludeResourceTypes: exclude } = operation;
  if (include === UNKNOWN || exclude === UNKNOWN) return 'maybe';
  if (exclude.length > 0 && exclude.includes(resourceType)) return 'no';
  if (include.length > 0 && !include.includes(resourceType)) return 'no';
  if (resourceType === STACK_TYPE && operation.action === 'add' && !include.includes(STACK_TYPE)) return 'maybe';
  return 'yes';
}

export class TagManagerState {
  private readonly values = new Map<string, string | undefined>();
  private readonly priorities = new Map<string, number>();
  private readonly uncertainKeys = new Set<string>();
  private everyKeyUncertain = false;

  constructor(private readonly resourceType: string) {}

  /** The construct's own tags (an L1's `tags` prop, a stack's `tags` prop), at priority 50. */
  setInitial(tags: ReadonlyMap<string, string | undefined> | typeof UNKNOWN): void {
    if (tags === UNKNOWN) {
      this.everyKeyUncertain = true;
      return;
    }
    for (const [key, value] of tags) this.set(key, value, INITIAL_PRIORITY);
  }

  markUncertain(key: Known<string>): void {
    if (key === UNKNOWN) this.everyKeyUncertain = true;
    else this.uncertainKeys.add(key);
  }

  markAllUncertain(): void {
    this.everyKeyUncertain = true;
  }

  apply(operation: TagOperation): void {
    const reach = applies(operation, this.resourceType);
    if (reach === 'no') return;
    if (operation.key === UNKNOWN) {
      this.everyKeyUncertain = true;
      return;
    }
    if (reach === 'maybe' || operation.mayNotRun || operation.priority === UNKNOWN) {
      this.uncertainKeys.add(operation.key);
      return;
    }
    if (operation.action === 'add') this.set(operation.key, operation.value === UNKNOWN ? undefined : operation.value, operation.priority);
    else if (operation.priority >= (this.priorities.get(operation.key) ?? 0)) {
      this.values.delete(operation.key);
      this.priorities.set(operation.key, operation.priority);
    }
  }

  private set(key: string, value: string | undefined, priority: number): void {
    if (priority >= (this.priorities.get(key) ?? 0)) {
      this.values.set(key, value);
      this.priorities.set(key, priority);
    }
  }

  resolve(): ResolvedTags {
    const entries = new Map<string, string | undefined>();
    for (const [key, value] of this.values) if (!this.uncertainKeys.has(key)) entries.set(key, value);
    return { entries, uncertain: new Set(this.uncertainKeys), complete: !this.everyKeyUncertain };
  }
}

/**
 * What a deployed resource carries: its template tags, plus its stack's tags, which CloudFormation propagates to
 * the resources it creates (a resource's own value wins over the stack's for the same key).
 */
export function withStackTags(resource: ResolvedTags, stack: ResolvedTags | undefined): ResolvedTags {
  if (!stack) return resource;
  const entries = new Map(resource.entries);
  const uncertain = new Set(resource.uncertain);
  for (const [key, value] of stack.entries) if (!entries.has(key) && !uncertain.has(key)) entries.set(key, value);
  for (const key of stack.uncertain) if (!entries.has(key)) uncertain.add(key);
  return { entries, uncertain, complete: resource.complete && stack.complete };
}
