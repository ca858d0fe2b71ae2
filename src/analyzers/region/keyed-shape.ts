import type { SyntaxNode } from '../parser-runtime';

/**
 * What the JavaScript and Python extractors know of a written object, dict or keyword-argument list: which keys
 * it certainly has, certainly lacks, or might have (hidden behind a spread that cannot be read).
 */

/** A string value followed to the literal that holds it. */
export interface StringValue {
  readonly value: string;
  /** The literal that holds the value: where a quick fix edits it. */
  readonly literal: SyntaxNode;
  /** The binding the value came through, if any (named in messages). */
  readonly via?: string;
  /**
   * Set when the value is the literal branch of a fallback on an environment variable
   * (`process.env.AWS_REGION ?? 'us-east-1'`, `os.getenv('AWS_REGION', 'us-east-1')`): when it applies.
   */
  readonly when?: string;
}

export type KeyLookup =
  /** `element` is the list element that holds the key (pair, shorthand property, keyword argument): what a fix removes. */
  | { readonly kind: 'value'; readonly node: SyntaxNode; readonly element: SyntaxNode }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown' };

export interface KeyedShape {
  /** The object, dict, call or argument list the keys were read from. */
  readonly node: SyntaxNode;
  get(key: string): KeyLookup;
}

/** How one language reads one element of such a list. */
export type ListEntry =
  | { readonly kind: 'key'; readonly key: string; readonly value: SyntaxNode }
  /** A key that cannot be read (computed, not a literal): any key may be the one written. */
  | { readonly kind: 'unreadable-key' }
  /** `...x` / `**x`; `shape` is undefined when `x` cannot be followed. */
  | { readonly kind: 'spread'; readonly shape: KeyedShape | undefined };

/** The node of a key's value, when the key is certainly written. */
export function valueNode(lookup: KeyLookup): SyntaxNode | undefined {
  return lookup.kind === 'value' ? lookup.node : undefined;
}

/**
 * The keys of `elements` in writing order, later ones winning. An unreadable key or spread hides every key
 * written before it (each of those becomes unknown); a readable spread stands between what precedes and follows it.
 * `readEntry` returns undefined for elements that carry no key (comments, positional arguments, broken pairs).
 */
export function keyedShape(
  node: SyntaxNode,
  elements: readonly SyntaxNode[],
  readEntry: (element: SyntaxNode) => ListEntry | undefined,
): KeyedShape {
  const entries = new Map<string, { node: SyntaxNode; element: SyntaxNode }>();
  let earlierHidden = false;
  const lookup = (key: string): KeyLookup => {
    const entry = entries.get(key);
    if (entry) return { kind: 'value', ...entry };
    return earlierHidden ? { kind: 'unknown' } : { kind: 'absent' };
  };
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index]!;
    const entry = readEntry(element);
    if (!entry) continue;
    if (entry.kind === 'key') {
      entries.set(entry.key, { node: entry.value, element });
      continue;
    }
    const spread = entry.kind === 'spread' ? entry.shape : undefined;
    if (!spread) {
      entries.clear();
      earlierHidden = true;
      continue;
    }
    const later = keyedShape(node, elements.slice(index + 1), readEntry);
    return {
      node,
      get: (key) => {
        const late = later.get(key);
        if (late.kind !== 'absent') return late;
        const fromSpread = spread.get(key);
        return fromSpread.kind !== 'absent' ? fromSpread : lookup(key);
      },
    };
  }
  return { node, get: lookup };
}
