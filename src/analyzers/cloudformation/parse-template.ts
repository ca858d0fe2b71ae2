import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { type Node as YamlNode, type Tags, Parser, Composer, isMap, isScalar, isSeq, isAlias, type Document } from 'yaml';
import { LineIndex } from '../line-index';
import { reindentContinuations } from './lenient-yaml';
import { type CfnEntry, type CfnNode, IntrinsicNode, LazyEntry, MapNode, ScalarNode, SeqNode, intrinsicName } from './template-node';

/**
 * CloudFormation text (YAML or JSON) to CfnNode with positions. Tolerant: YAML errors leave a partial document,
 * JSON errors a partial tree; whatever is whole is returned. Short-form intrinsics (`!Ref`, `!If`...) become the
 * same CfnIntrinsic nodes as their long forms.
 */
const SHORT_FORMS = [
  'Ref',
  'Sub',
  'GetAtt',
  'If',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'Base64',
  'Cidr',
  'ImportValue',
  'GetAZs',
  'Equals',
  'And',
  'Or',
  'Not',
  'Condition',
  'Transform',
  'Length',
  'ToJsonString',
];

const SHORT_FORM_TAGS = new Set(SHORT_FORMS.map((name) => `!${name}`));

function longName(shortTag: string): string {
  const name = shortTag.slice(1);
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** Each short form as scalar, sequence and mapping: the value is kept as written, we only need the node. */
export const CFN_YAML_TAGS: Tags = SHORT_FORMS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag: `!${name}`, collection: 'map' as const, resolve: (value: unknown) => value },
]) as Tags;

export interface ParsedTemplate {
  readonly root: CfnNode | undefined;
  readonly lines: LineIndex;
  readonly syntax: 'yaml' | 'json';
  /** Syntax errors in plain words, in the order found; `offset` is where the error starts. */
  readonly errors: ReadonlyArray<{ message: string; offset: number; length: number }>;
}

export function parseTemplate(text: string, syntax: 'yaml' | 'json'): ParsedTemplate {
  const lines = new LineIndex(text);
  return syntax === 'json' ? parseJson(text, lines) : parseYaml(text, lines);
}

export function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

function parseYaml(text: string, lines: LineIndex): ParsedTemplate {
  let document = composeFirst(text);
  let toOriginal: ((offset: number) => number) | undefined;
  // Only a text the yaml library rejects is scanned for what PyYAML (so CloudFormation) accepts: lenient-yaml.ts.
  if (document?.errors.length) {
    const shadow = reindentContinuations(text);
    const lenient = shadow ? composeFirst(shadow.text) : undefined;
    if (shadow && lenient && lenient.errors.length < document.errors.length) {
      document = lenient;
      toOriginal = shadow.toOriginal;
    }
  }
  const errors = (document?.errors ?? []).map((error) =>
    yamlError(text, error.code, error.message, toOriginal ? [toOriginal(error.pos[0]), toOriginal(error.pos[1])] : error.pos),
  );
  const root = document?.contents ? fromYaml(document.contents as YamlNode, lines, 0, toOriginal) : undefined;
  return { root, lines, syntax: 'yaml', errors };
}

function composeFirst(text: string): Document.Parsed | undefined {
  const composer = new Composer({ customTags: CFN_YAML_TAGS, uniqueKeys: false });
  let document: Document.Parsed | undefined;
  // Only the first document: a template is one document; a stream of many is not a template.
  for (const doc of composer.compose(new Parser().parse(text), true)) {
    document ??= doc;
  }
  return document;
}

/** " at line 3, column 5:" and the excerpt after it: the finding has its own position. */
const YAML_MESSAGE_POSITION = /(?: at line \d+, column \d+)?:?\s*$/;

function yamlError(
  text: string,
  code: string,
  message: string,
  [start, end]: [number, number],
): { message: string; offset: number; length: number } {
  // `MappingRestEdge:curc` then `Other: x`: the yaml library reads one key over two lines; what is wrong is that the
  // first line is no `key: value` pair (no colon, or no space after it).
  if (code === 'MULTILINE_IMPLICIT_KEY')
    return { message: 'a line is not a "key: value" pair', offset: start, length: Math.max(0, end - start) };
  const plain = (message.split('\n')[0] ?? message).replace(YAML_MESSAGE_POSITION, '');
  const quote = /^Missing closing (["'])quote$/.exec(plain)?.[1];
  // The yaml library reports an unclosed quote where the text ends; the user needs to see where it opens.
  const opening = quote ? openingQuote(text, start, quote) : -1;
  if (opening >= 0) return { message: 'a quoted string is not closed', offset: opening, length: 1 };
  return { message: plain.charAt(0).toLowerCase() + plain.slice(1), offset: start, length: Math.max(0, end - start) };
}

/** The quote that opens an unclosed quoted scalar ending at `end`: the last one before it that is not escaped. */
function openingQuote(text: string, end: number, quote: string): number {
  for (let at = text.lastIndexOf(quote, end - 1); at >= 0; at = text.lastIndexOf(quote, at - 1)) {
    if (quote === "'" && at > 0 && text[at - 1] === "'") {
      at--;
      continue;
    }
    let backslashes = 0;
    while (quote === '"' && text[at - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}

const MAX_DEPTH = 200;

/**
 * Map values are converted when first read (LazyEntry): a check reads Type, the tag property and the keys of
 * Properties, so most of a large template is never converted (analysis stays close to the bare parse).
 */
function fromYaml(
  node: YamlNode | null | undefined,
  lines: LineIndex,
  depth: number,
  toOriginal: ((offset: number) => number) | undefined,
): CfnNode | undefined {
  if (!node || depth > MAX_DEPTH || isAlias(node)) return undefined;
  const [shadowStart, shadowEnd] = node.range ?? [0, 0, 0];
  const start = toOriginal ? toOriginal(shadowStart) : shadowStart;
  const end = toOriginal ? toOriginal(shadowEnd) : shadowEnd;
  const tag = node.tag;
  let value: CfnNode | undefined;
  if (isScalar(node)) {
    const scalar = node.value;
    value = new ScalarNode(
      lines,
      start,
      end,
      typeof scalar === 'string' || typeof scalar === 'number' || typeof scalar === 'boolean'
        ? scalar
        : scalar === null
          ? null
          : String(scalar),
    );
  } else if (isSeq(node)) {
    const items: CfnNode[] = [];
    for (const item of node.items) {
      const converted = fromYaml(item as YamlNode, lines, depth + 1, toOriginal);
      if (converted) items.push(converted);
    }
    value = new SeqNode(lines, start, end, items, Boolean(node.flow));
  } else if (isMap(node)) {
    const entries: CfnEntry[] = [];
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      if (!key || !isScalar(key) || !key.range) continue;
      const [keyStart, keyEnd] = toOriginal ? [toOriginal(key.range[0]), toOriginal(key.range[1])] : key.range;
      entries.push(
        new LazyEntry(String(key.value), lines, keyStart, keyEnd, () => fromYaml(pair.value as YamlNode, lines, depth + 1, toOriginal)),
      );
    }
    value = new MapNode(lines, start, end, entries, Boolean(node.flow));
    const only = entries.length === 1 ? entries[0]! : undefined;
    const longForm = only ? intrinsicName(only.key) : undefined;
    if (longForm && !tag) return new IntrinsicNode(lines, start, end, longForm, only!.value);
  }
  if (tag && SHORT_FORM_TAGS.has(tag)) return new IntrinsicNode(lines, start, end, longName(tag), value);
  return value;
}

const JSON_ERRORS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected text',
  InvalidNumberFormat: 'a number is malformed',
  PropertyNameExpected: 'a property name is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a ":" is expected',
  CommaExpected: 'a "," is expected',
  CloseBraceExpected: 'a "}" is expected',
  CloseBracketExpected: 'a "]" is expected',
  EndOfFileExpected: 'text follows the end of the document',
  InvalidCommentToken: 'a comment is malformed',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'a \\u escape is malformed',
  InvalidEscapeCharacter: 'an escape sequence is invalid',
  InvalidCharacter: 'a string holds a control character',
};

function parseJson(text: string, lines: LineIndex): ParsedTemplate {
  const parseErrors: ParseError[] = [];
  // CloudFormation rejects a trailing comma in a JSON template ("Template format error: JSON not well-formed").
  const tree = parseTree(text, parseErrors, { allowTrailingComma: false, disallowComments: false });
  const errors = parseErrors.map(
    (error) =>
      trailingComma(text, error) ?? {
        message: JSON_ERRORS[printParseErrorCode(error.error)] ?? printParseErrorCode(error.error),
        offset: error.offset,
        length: error.length,
      },
  );
  return { root: tree ? fromJson(tree, lines, 0) : undefined, lines, syntax: 'json', errors };
}

/** A property or value expected where a `}` or `]` closes right after a comma: the comma is the error. */
function trailingComma(text: string, error: ParseError): { message: string; offset: number; length: number } | undefined {
  const code = printParseErrorCode(error.error);
  if ((code !== 'PropertyNameExpected' && code !== 'ValueExpected') || !/[}\]]/.test(text[error.offset] ?? '')) return undefined;
  let before = error.offset - 1;
  while (before >= 0 && /\s/.test(text[before]!)) before--;
  return text[before] === ',' ? { message: 'a trailing comma is not allowed in JSON', offset: before, length: 1 } : undefined;
}

function fromJson(node: JsonNode, lines: LineIndex, depth: number): CfnNode | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case 'object': {
      const entries: CfnEntry[] = [];
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key) continue;
        entries.push(
          new LazyEntry(String(key.value), lines, key.offset, key.offset + key.length, () =>
            value ? fromJson(value, lines, depth + 1) : undefined,
          ),
        );
      }
      const only = entries.length === 1 ? entries[0]! : undefined;
      const longForm = only ? intrinsicName(only.key) : undefined;
      if (longForm) return new IntrinsicNode(lines, start, end, longForm, only!.value);
      return new MapNode(lines, start, end, entries, true);
    }
    case 'array': {
      const items: CfnNode[] = [];
      for (const child of node.children ?? []) {
        const converted = fromJson(child, lines, depth + 1);
        if (converted) items.push(converted);
      }
      return new SeqNode(lines, start, end, items, true);
    }
    case 'string':
    case 'number':
    case 'boolean':
      return new ScalarNode(lines, start, end, node.value as string | number | boolean);
    case 'null':
      return new ScalarNode(lines, start, end, null);
    default:
      return undefined;
  }
}
