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
  /** Set when `value` is a parameter's default: the parameter, whose callers decide whether the default applies. */
  readonly parameter?: SyntaxNode;
}

export interface BindingRules {
  /** Classifies an occurrence of the name (the smallest node spanning it); undefined when it is a use. */
  classify(occurrence: SyntaxNode): BindingSite | undefined;
  /** The calls that can reach the function declaring `parameter`; undefined when the file cannot show them all. */
  callersOf(parameter: SyntaxNode): ParameterCallers | undefined;
}

/**
 * How a default parameter's callers are found. A default is the parameter's value only when no call in the file can
 * give it another one:
 * - every call of the function in the file leaves the argument out (by position, or by keyword in Python), passes
 *   the default's own string literal, or (JavaScript) passes `undefined`;
 * - the function is only declared, called, or exported by name. Handed out as a value (`items.map(make)`,
 *   `make.call(...)`, `partial(make, ...)`, `const f = make`), anonymous (a callback, a handler) or decorated (a
 *   framework calls it), it is called with arguments the file does not show, so its defaults are unknown.
 * Callers in other files are not seen: an exported function's default counts as the value its author chose for
 * callers that leave it out, as README promises ("default parameters in the same file").
 * Names are matched as text, so a call of another function or method of the same name also counts: that errs
 * towards unknown, never towards a finding.
 */
export interface ParameterCallers {
  /** The names calls are written with: the function's, a class's for its constructor; `member`: written after a dot. */
  readonly names: readonly { readonly name: string; readonly member: boolean }[];
  /** What an occurrence of one of the names does to the parameter. */
  use(occurrence: SyntaxNode): CallerUse;
}

/**
 * `declares`: a declaration or an export, no call; `keeps`: a call that lets the default apply; `overrides`: a call
 * that may pass another value, or a use that hands the function out.
 */
export type CallerUse = 'declares' | 'keeps' | 'overrides';

/**
 * How many names (or nested objects, Make variables) a value is followed through before it counts as unknown:
 * real code needs a few; cycles (`a = b`, `b = a`) and pathological files need a bound.
 */
export const MAX_FOLLOW_DEPTH = 8;

/**
 * The nodes that span exactly an occurrence of `name` as a whole word: never inside a longer name, nor, unless
 * `member`, after a dot. Occurrences in strings and comments span no node of their own and are left out.
 */
export function* nameOccurrences(root: SyntaxNode, text: string, name: string, member = false): Generator<SyntaxNode> {
  const pattern = new RegExp(`(?<![\\w$${member ? '' : '.'}])${escapeRegExp(name)}(?![\\w$])`, 'g');
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const node = root.descendantForIndex(start, start + name.length);
    if (node && node.startIndex === start && node.endIndex === start + name.length) yield node;
  }
}

export class BindingIndex {
  private readonly sites = new Map<string, BindingSite[]>();
  /** Per parameter (by start offset): whether its default is its value (see ParameterCallers). */
  private readonly defaults = new Map<number, boolean>();

  constructor(
    private readonly root: SyntaxNode,
    private readonly text: string,
    private readonly rules: BindingRules,
  ) {}

  private sitesOf(name: string): BindingSite[] {
    let found = this.sites.get(name);
    if (found) return found;
    found = [];
    for (const node of nameOccurrences(this.root, this.text, name)) {
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
      if (!current || scope.endIndex - scope.startIndex < current.endIndex - current.startIndex) innermost = [site];
      else if (scope.startIndex === current.startIndex && scope.endIndex === current.endIndex) innermost.push(site);
    }
    if (innermost.length !== 1) return undefined;
    const site = innermost[0]!;
    return site.parameter && !this.defaultApplies(site.parameter) ? undefined : site.value;
  }

  private defaultApplies(parameter: SyntaxNode): boolean {
    let applies = this.defaults.get(parameter.startIndex);
    if (applies !== undefined) return applies;
    const callers = this.rules.callersOf(parameter);
    applies =
      callers !== undefined &&
      callers.names.every(({ name, member }) => {
        for (const occurrence of nameOccurrences(this.root, this.text, name, member)) {
          if (callers.use(occurrence) === 'overrides') return false;
        }
        return true;
      });
    this.defaults.set(parameter.startIndex, applies);
    return applies;
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
