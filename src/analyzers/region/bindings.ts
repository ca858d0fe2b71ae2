import type { SyntaxNode } from '../parser-runtime';
import { escapeRegExp } from '../../core/regexp';

/**
 * Name resolution on demand, for the few names a CreateBucket call depends on. Instead of collecting every
 * declaration of a file up front (a whole-tree query costs about as much as the parse on 20,000 lines, and would
 * run after every keystroke), the text is searched for the name and each occurrence is classified from its node.
 *
 * Scopes are respected: the binding in the innermost scope that encloses the use wins. A name bound twice in that
 * scope, reassigned anywhere, or bound without a value (parameter, loop variable, destructuring) is unknown.
 */
export interface BindingSite {
  /** The scope node the binding belongs to. */
  readonly scope: SyntaxNode;
  /** The bound value; undefined for a binding whose value cannot be known here. */
  readonly value?: SyntaxNode;
  /** An assignment after the declaration (`x = ...`, `x += ...`): the name's value is not fixed. */
  readonly reassigns?: boolean;
}

export interface BindingRules {
  /** Classifies an occurrence of the name (the smallest node spanning it); undefined when it is a use. */
  classify(occurrence: SyntaxNode): BindingSite | undefined;
}

/**
 * How many names (or nested objects, Make variables) a value is followed through before it counts as unknown:
 * real code needs a few; cycles (`a = b`, `b = a`) and pathological files need a bound.
 */
export const MAX_FOLLOW_DEPTH = 8;


export class BindingIndex {
  private readonly sites = new Map<string, BindingSite[]>();

  constructor(
    private readonly root: SyntaxNode,
    private readonly text: string,
    private readonly rules: BindingRules,
  ) {}

  private sitesOf(name: string): BindingSite[] {
    let found = this.sites.get(name);
    if (found) return found;
    found = [];
    const pattern = new RegExp(`(?<![\\w$.])${escapeRegExp(name)}(?![\\w$])`, 'g');
    for (const match of this.text.matchAll(pattern)) {
      const start = match.index;
      const node = this.root.descendantForIndex(start, start + name.length);
      if (!node || node.startIndex !== start || node.endIndex !== start + name.length) continue;
      const site = this.rules.classify(node);
      if (site) found.push(site);
    }
    this.sites.set(name, found);
    return found;
  }

  /** Whether any occurrence of `name` binds or assigns it. */
  isAssigned(name: string): boolean {
    return this.sitesOf(name).length > 0;
  }

  /** The value `name` has at `use`; undefined when it is not bound exactly once with a known value. */
  lookup(name: string, use: SyntaxNode): SyntaxNode | undefined {
    const sites = this.sitesOf(name);
    if (sites.some((site) => site.reassigns)) return undefined;
    let innermost: BindingSite[] = [];
    for (const site of sites) {
      const scope = site.scope;
      if (scope.startIndex > use.startIndex || use.endIndex > scope.endIndex) continue;
      const current = innermost[0]?.scope;
      if (!current || (scope.endIndex - scope.startIndex < current.endIndex - current.startIndex)) innermost = [site];
      else if (scope.startIndex === current.startIndex && scope.endIndex === current.endIndex) innermost.push(site);
    }
    return innermost.length === 1 ? innermost[0]!.value : undefined;
  }
}

/** The nearest ancestor (or the node itself) whose type is in `types`; the root otherwise. */
export function enclosing(node: SyntaxNode, types: ReadonlySet<string>): SyntaxNode {
  let current: SyntaxNode | null = node.parent;
  let last = node;
  while (current) {
    if (types.has(current.type)) return current;
    last = current;
    current = current.parent;
  }
  return last;
}
