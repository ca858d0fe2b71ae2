import { range, type Range, type TextEdit } from '../../core/range';
import { Query } from 'web-tree-sitter';
import { loadLanguage, type GrammarName, type SyntaxNode } from '../parser-runtime';

/** Helpers over tree-sitter nodes shared by the JavaScript, Python and shell extractors. */

export function nodeRange(node: SyntaxNode): Range {
  return range(node.startPosition.row, node.startPosition.column, node.endPosition.row, node.endPosition.column);
}

export function replaceNode(node: SyntaxNode, newText: string): TextEdit {
  return { range: nodeRange(node), newText };
}

/** Replaces what is between a string literal's delimiters (quotes, backticks), keeping them. */
export function replaceStringContent(node: SyntaxNode, openLength: number, closeLength: number, newText: string): TextEdit {
  const start = node.startPosition;
  const end = node.endPosition;
  return { range: range(start.row, start.column + openLength, end.row, end.column - closeLength), newText };
}

export function insertAt(row: number, column: number, newText: string): TextEdit {
  return { range: range(row, column, row, column), newText };
}

/**
 * Removes one element of a comma-separated list (object pair, dict pair, keyword argument) with the comma that
 * belongs to it: the one after it, else the one before it.
 */
export function removeListElement(element: SyntaxNode): TextEdit {
  const next = element.nextSibling;
  if (next?.type === ',') {
    const following = next.nextSibling;
    const end = following && following.type !== '}' && following.type !== ')' ? following.startPosition : next.endPosition;
    return { range: range(element.startPosition.row, element.startPosition.column, end.row, end.column), newText: '' };
  }
  const previous = element.previousSibling;
  if (previous?.type === ',') {
    const before = previous.previousSibling ?? previous;
    return {
      range: range(before.endPosition.row, before.endPosition.column, element.endPosition.row, element.endPosition.column),
      newText: '',
    };
  }
  return replaceNode(element, '');
}

/**
 * Adds `element` as the last element of a comma-separated list (object, dict, argument list) whose last child is
 * `closer`: after a trailing comma if there is one, else after the last element (comments are not elements).
 * Undefined when the list does not end in `closer` (a syntax error).
 */
export function appendListElement(list: SyntaxNode, closer: '}' | ')', element: string): TextEdit[] | undefined {
  const close = list.lastChild;
  if (close?.type !== closer) return undefined;
  const last = namedChildren(list)
    .filter((child) => child.type !== 'comment')
    .pop();
  if (!last) return [insertAt(close.startPosition.row, close.startPosition.column, element)];
  const comma = last.nextSibling?.type === ',' ? last.nextSibling : undefined;
  return comma
    ? [insertAt(comma.endPosition.row, comma.endPosition.column, ` ${element},`)]
    : [insertAt(last.endPosition.row, last.endPosition.column, `, ${element}`)];
}

/** Named children of a node (tree-sitter's own accessor allocates a list per call; this keeps call sites short). */
export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((child): child is SyntaxNode => child !== null);
}

/**
 * How often `name.` (a member access) occurs in a text: tells whether a client object serves other calls.
 * Counts are kept per name, since every call through one client asks for the same name.
 */
export function memberUseCounter(text: string): (name: string) => number {
  const counts = new Map<string, number>();
  return (name) => {
    let count = counts.get(name);
    if (count === undefined) {
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      count = (text.match(new RegExp(`(?<![\\w$.])${escaped}\\s*\\??\\.\\s*[A-Za-z_$]`, 'g')) ?? []).length;
      counts.set(name, count);
    }
    return count;
  };
}

const queries = new Map<string, Promise<Query>>();

/** Compiles a query once per grammar and source for the whole process (queries are immutable and reusable). */
export function compiledQuery(grammar: GrammarName, source: string): Promise<Query> {
  const key = `${grammar}\0${source}`;
  let query = queries.get(key);
  if (!query) {
    query = loadLanguage(grammar).then((language) => new Query(language, source));
    queries.set(key, query);
  }
  return query;
}
