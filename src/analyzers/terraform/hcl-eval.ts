import type { Range } from '../../core/range';
import type { SyntaxNode } from '../parser-runtime';
import { type ScannedEntry, scanFlatObject, scanMergeCall } from './flat-object-scan';
import { traversal, unwrap } from './hcl-nodes';

/**
 * What can be known statically about a tag map expression within one module: literal objects, `merge(...)`,
 * `local.*`, conditionals. Anything else (variables, data sources, function results) is unknown, and an unknown
 * part makes the map incomplete: then no key is reported missing, because it might be there (no false positives).
 */
export interface TagEntry {
  readonly key: string;
  /** Undefined when the value is not a literal (a variable, an interpolation). */
  readonly value?: string;
  readonly valueRange?: Range;
}

export interface TagMap {
  readonly entries: Map<string, TagEntry>;
  /** Keys that may or may not be present (one branch of a conditional). */
  readonly unknownKeys: Set<string>;
  /** False when some part of the value is unknown, so any key might be present. */
  readonly complete: boolean;
}

export interface EvalScope {
  /** `locals { name = expr }` of the module, by name. */
  readonly locals: ReadonlyMap<string, SyntaxNode>;
  /** Evaluated locals, shared by every resource that uses them (evaluation crosses into WASM per node). */
  readonly evaluatedLocals?: Map<string, TagMap>;
}

const MAX_DEPTH = 16;

export function unknownTagMap(): TagMap {
  return { entries: new Map(), unknownKeys: new Set(), complete: false };
}

export function emptyTagMap(): TagMap {
  return { entries: new Map(), unknownKeys: new Set(), complete: true };
}

/** Later maps override earlier ones, as `merge()` and resource tags over default_tags do. */
export function mergeTagMaps(maps: readonly TagMap[]): TagMap {
  const entries = new Map<string, TagEntry>();
  const unknownKeys = new Set<string>();
  let complete = true;
  for (const map of maps) {
    for (const [key, entry] of map.entries) {
      entries.set(key, entry);
      unknownKeys.delete(key);
    }
    for (const key of map.unknownKeys) if (!entries.has(key)) unknownKeys.add(key);
    complete &&= map.complete;
  }
  return { entries, unknownKeys, complete };
}

export function evaluateTagMap(node: SyntaxNode, scope: EvalScope, depth = 0): TagMap {
  if (depth > MAX_DEPTH) return unknownTagMap();
  const fromText = evaluateFromText(node, scope, depth);
  if (fromText) return fromText;
  const target = unwrap(node);
  switch (target.type) {
    case 'object':
      return evaluateObject(target);
    case 'function_call':
      return evaluateCall(target, scope, depth);
    case 'null_lit':
      return emptyTagMap();
    case 'conditional':
      return evaluateConditional(target, scope, depth);
    case 'tuple':
      // The older `tags = [{ key, value, propagate_at_launch }]` form of aws_autoscaling_group.
      return evaluateTagList(target, scope, depth);
    default: {
      const path = traversal(target);
      if (path && path.length === 2 && path[0] === 'local' && scope.locals.has(path[1]!)) return evaluateLocal(path[1]!, scope, depth);
      return unknownTagMap();
    }
  }
}

const IDENTIFIER_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const PLAIN_STRING = /^"((?:[^"\\$%]|\\.|\$(?!\{)|%(?!\{))*)"$/;

/** A quoted HCL string without interpolation, unescaped; undefined for anything else. */
function plainString(source: string): string | undefined {
  const match = PLAIN_STRING.exec(source);
  if (!match) return undefined;
  return match[1]!.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/**
 * An object literal, read with a cursor and the literal's text: keys and plain string values need no node
 * objects (each node object costs a crossing into WASM; a large file has thousands of these literals).
 */
function evaluateObject(object: SyntaxNode): TagMap {
  const result = emptyTagMap();
  let complete = true;
  const source = object.text;
  const base = object.startIndex;
  const cursor = object.walk();
  try {
    if (!cursor.gotoFirstChild()) return result;
    do {
      if (cursor.nodeType !== 'object_elem' || !cursor.gotoFirstChild()) continue;
      const keySource = source.slice(cursor.startIndex - base, cursor.endIndex - base).trim();
      let value: { text: string; range: Range } | undefined;
      let afterSeparator = false;
      while (cursor.gotoNextSibling()) {
        const type: string = cursor.nodeType;
        if (type === '=' || type === ':') afterSeparator = true;
        else if (afterSeparator && type === 'expression') {
          const start = cursor.startPosition;
          const end = cursor.endPosition;
          value = {
            text: source.slice(cursor.startIndex - base, cursor.endIndex - base),
            range: { start: { line: start.row, character: start.column }, end: { line: end.row, character: end.column } },
          };
          break;
        }
      }
      cursor.gotoParent();
      const key = IDENTIFIER_KEY.test(keySource) ? keySource : plainString(keySource);
      if (key === undefined) {
        complete = false;
        continue;
      }
      const literal = value ? plainString(value.text.trim()) : undefined;
      result.entries.set(key, { key, ...(literal !== undefined ? { value: literal } : {}), ...(value ? { valueRange: value.range } : {}) });
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
  return { ...result, complete };
}

/** The common shapes (a flat object, `merge()` of those and locals) read from the text: see flat-object-scan.ts. */
function evaluateFromText(node: SyntaxNode, scope: EvalScope, depth: number): TagMap | undefined {
  const source = node.text;
  const isObject = source.startsWith('{');
  if (!isObject && !source.startsWith('merge')) return undefined;
  if (node.hasError) return undefined;
  const start = node.startPosition;
  const at = { line: start.row, character: start.column };
  if (isObject) {
    const entries = scanFlatObject(source, at);
    return entries ? scannedObject(entries) : undefined;
  }
  const args = scanMergeCall(source, at);
  if (!args) return undefined;
  return mergeTagMaps(args.map((arg) => (arg.kind === 'local' ? evaluateLocal(arg.name, scope, depth) : scannedObject(arg.entries))));
}

function scannedObject(scanned: readonly ScannedEntry[]): TagMap {
  const result = emptyTagMap();
  for (const { keySource, valueSource, valueStart, valueEnd } of scanned) {
    const key = IDENTIFIER_KEY.test(keySource) ? keySource : plainString(keySource);
    // The scanner accepts only keys that are identifiers or plain strings.
    if (key === undefined) return unknownTagMap();
    const literal = plainString(valueSource);
    result.entries.set(key, {
      key,
      ...(literal !== undefined ? { value: literal } : {}),
      valueRange: { start: valueStart, end: valueEnd },
    });
  }
  return result;
}

const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_:]*/;
const LOCAL_REFERENCE = /^local\.([A-Za-z_][A-Za-z0-9_-]*)$/;

function evaluateLocal(name: string, scope: EvalScope, depth: number): TagMap {
  const known = scope.evaluatedLocals?.get(name);
  if (known) return known;
  const local = scope.locals.get(name);
  if (!local) return unknownTagMap();
  const value = evaluateTagMap(local, scope, depth + 1);
  scope.evaluatedLocals?.set(name, value);
  return value;
}

/** `merge(a, b)`, `concat(...)`, `tomap(x)`: arguments read with a cursor; `local.x` recognised from the text. */
function evaluateCall(call: SyntaxNode, scope: EvalScope, depth: number): TagMap {
  const source = call.text;
  const name = FUNCTION_NAME.exec(source)?.[0];
  if (name !== 'merge' && name !== 'concat' && name !== 'tomap') return unknownTagMap();
  const base = call.startIndex;
  const args: TagMap[] = [];
  const cursor = call.walk();
  try {
    if (!cursor.gotoFirstChild()) return unknownTagMap();
    do {
      if ((cursor.nodeType as string) !== 'function_arguments' || !cursor.gotoFirstChild()) continue;
      do {
        const type: string = cursor.nodeType;
        // `merge(a...)` expands a list of unknown length.
        if (type === 'ellipsis' || type === '...') return unknownTagMap();
        if (type !== 'expression') continue;
        const local = LOCAL_REFERENCE.exec(source.slice(cursor.startIndex - base, cursor.endIndex - base).trim());
        args.push(local ? evaluateLocal(local[1]!, scope, depth) : evaluateTagMap(cursor.currentNode, scope, depth + 1));
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
  if (args.length === 0 || (name === 'tomap' && args.length !== 1)) return unknownTagMap();
  return mergeTagMaps(args);
}

function evaluateConditional(conditional: SyntaxNode, scope: EvalScope, depth: number): TagMap {
  const branches = conditional.namedChildren.filter((child): child is SyntaxNode => child?.type === 'expression').slice(1);
  if (branches.length !== 2) return unknownTagMap();
  const [whenTrue, whenFalse] = branches.map((branch) => evaluateTagMap(branch, scope, depth + 1)) as [TagMap, TagMap];
  const entries = new Map<string, TagEntry>();
  const unknownKeys = new Set<string>([...whenTrue.unknownKeys, ...whenFalse.unknownKeys]);
  for (const [key, entry] of whenTrue.entries) {
    const other = whenFalse.entries.get(key);
    // Present in both branches: certain. The value is only known when both agree.
    if (other) entries.set(key, entry.value === other.value ? entry : { key });
    else unknownKeys.add(key);
  }
  for (const key of whenFalse.entries.keys()) if (!entries.has(key)) unknownKeys.add(key);
  return { entries, unknownKeys, complete: whenTrue.complete && whenFalse.complete };
}

/** `[{ key = "A", value = "b", propagate_at_launch = true }, ...]` */
export function evaluateTagList(tuple: SyntaxNode, scope: EvalScope, depth = 0): TagMap {
  const result = emptyTagMap();
  let complete = true;
  for (const item of tuple.namedChildren) {
    if (item?.type !== 'expression') continue;
    let element = unwrap(item);
    const path = traversal(element);
    if (path && path.length === 2 && path[0] === 'local' && depth < MAX_DEPTH) {
      const local = scope.locals.get(path[1]!);
      if (local) element = unwrap(local);
    }
    if (element.type !== 'object') {
      complete = false;
      continue;
    }
    const fields = evaluateObject(element);
    const key = fields.entries.get('key')?.value;
    if (key === undefined) {
      complete = false;
      continue;
    }
    const valueEntry = fields.entries.get('value');
    result.entries.set(key, {
      key,
      ...(valueEntry?.value !== undefined ? { value: valueEntry.value } : {}),
      ...(valueEntry?.valueRange ? { valueRange: valueEntry.valueRange } : {}),
    });
  }
  return { ...result, complete };
}
