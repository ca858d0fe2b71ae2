import type { Range } from '../../core/range';
import type { KnownTags } from '../tag-findings';
import { loopLiteral } from './for-each';
import { type CfnNode, entry, isNoValue, scalarString } from './template-node';

/**
 * What a Tags property says, per combination of `Fn::If` conditions: each branch is checked, so a tag present
 * only when a condition is true is reported missing for the other case. Intrinsic values are unknown (not
 * missing); an intrinsic where the whole list or a key should be makes the tags incomplete.
 */
export interface TagVariant {
  /** e.g. ['CreateVpc is true']; empty when no condition was involved. */
  readonly conditions: readonly string[];
  readonly tags: KnownTags;
}

const MAX_VARIANTS = 16;

class NeedsCondition {
  constructor(readonly condition: string) {}
}

type Choose = (condition: string) => boolean;

interface MutableTags {
  entries: Map<string, { value?: string; valueRange?: Range }>;
  unknownKeys: Set<string>;
  complete: boolean;
}

function resolveIf(node: CfnNode | undefined, choose: Choose): CfnNode | undefined {
  let current = node;
  for (let guard = 0; current?.kind === 'intrinsic' && current.name === 'Fn::If' && guard < 32; guard++) {
    const args = current.argument?.kind === 'seq' ? current.argument.items : [];
    const condition = scalarString(args[0]);
    if (!condition || args.length !== 3) return current;
    current = choose(condition) ? args[1] : args[2];
  }
  return current;
}

/** Loop identifier -> the item of one `Fn::ForEach` expansion (for-each.ts). */
type Binding = ReadonlyMap<string, string> | undefined;

function addValue(tags: MutableTags, key: string, valueNode: CfnNode | undefined, choose: Choose, binding: Binding): void {
  const resolved = resolveIf(valueNode, choose);
  const value = resolved?.kind === 'scalar' && resolved.value !== null ? String(resolved.value) : loopLiteral(resolved, binding);
  tags.entries.set(key, new KnownValue(value, resolved));
}

/** A tag's value; its position is needed only for a disallowed-value finding, so it is computed only then. */
class KnownValue {
  constructor(
    readonly value: string | undefined,
    private readonly node: CfnNode | undefined,
  ) {}

  get valueRange(): Range | undefined {
    return this.node?.range;
  }
}

function collect(tagsNode: CfnNode | undefined, choose: Choose, inherited: CfnNode | undefined, binding: Binding): MutableTags {
  const tags: MutableTags = { entries: new Map(), unknownKeys: new Set(), complete: true };
  for (const source of [inherited, tagsNode]) {
    const node = resolveIf(source, choose);
    if (!node || isNoValue(node)) continue;
    if (node.kind === 'seq') {
      for (const rawItem of node.items) {
        const item = resolveIf(rawItem, choose);
        if (!item || isNoValue(item)) continue;
        if (item.kind !== 'map') {
          tags.complete = false;
          continue;
        }
        const keyNode = resolveIf(entry(item, 'Key')?.value, choose);
        const key = scalarString(keyNode) ?? loopLiteral(keyNode, binding);
        if (key === undefined) {
          tags.complete = false;
          continue;
        }
        addValue(tags, key, entry(item, 'Value')?.value, choose, binding);
      }
    } else if (node.kind === 'map') {
      for (const field of node.entries) addValue(tags, field.key, field.value, choose, binding);
    } else {
      tags.complete = false;
    }
  }
  return tags;
}

/** Every combination of the conditions the tags depend on (up to 16), each with the tags it yields. */
export function tagVariants(tagsNode: CfnNode | undefined, inherited?: CfnNode, binding?: Binding): TagVariant[] {
  const variants: TagVariant[] = [];
  const pending: Array<Map<string, boolean>> = [new Map()];
  while (pending.length > 0) {
    const assignment = pending.shift()!;
    const choose: Choose = (condition) => {
      const chosen = assignment.get(condition);
      if (chosen === undefined) throw new NeedsCondition(condition);
      return chosen;
    };
    try {
      const tags = collect(tagsNode, choose, inherited, binding);
      variants.push({ conditions: [...assignment].map(([name, value]) => `${name} is ${value}`), tags });
    } catch (signal) {
      if (!(signal instanceof NeedsCondition)) throw signal;
      if (variants.length + pending.length + 2 > MAX_VARIANTS) {
        // Too many combinations: what depends on further conditions counts as unknown.
        variants.push({ conditions: [], tags: { entries: new Map(), unknownKeys: new Set(), complete: false } });
        continue;
      }
      pending.push(new Map([...assignment, [signal.condition, true]]), new Map([...assignment, [signal.condition, false]]));
    }
  }
  return variants;
}
