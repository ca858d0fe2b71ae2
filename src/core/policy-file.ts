import { type Node as JsonNode, type ParseError, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Range } from './range';
import type { RequiredTag, RequirementSource, TagPolicy } from './tag-policy';
import { tagProblems } from './tag-limits';

/**
 * A tag policy file in the AWS Organizations tag policy syntax, as a team would copy it from its organisation:
 *
 *   { "tags": { "costcenter": { "tag_key": { "@@assign": "CostCenter" },
 *                               "tag_value": { "@@assign": ["100", "200*"] },
 *                               "enforced_for": { "@@assign": ["ec2:instance"] },
 *                               "report_required_tag_for": { "@@assign": ["s3:bucket"] } } } }
 *
 * Effective-policy form (plain values without operators) is accepted too. Within one file, `@@assign` sets a
 * value, `@@append` adds to it and `@@remove` takes away, in that order (the inheritance operators applied to a
 * single policy).
 *
 * Which types a key is required for: `report_required_tag_for` when present (AWS's own "required tag"
 * notion), else `enforced_for`, else every taggable type. Organizations types (`s3:bucket`) become
 * CloudFormation patterns (`AWS::S3::Bucket`) through `resolveType`, injected because the type table lives in
 * the analyzers.
 */
export interface PolicyFileError {
  readonly message: string;
  readonly range: Range;
}

export interface ParsedPolicyFile {
  readonly policy: TagPolicy;
  readonly errors: readonly PolicyFileError[];
  /** Non-fatal remarks (an unknown resource type) with their position. */
  readonly warnings: readonly PolicyFileError[];
}

export interface PolicyFileOptions {
  /** `s3:bucket` -> `AWS::S3::Bucket`; undefined when unknown. */
  readonly resolveType?: (organizationsType: string) => string | undefined;
}

const OPERATORS = new Set(['@@assign', '@@append', '@@remove', '@@operators_allowed_for_child_policies']);
const TAG_FIELDS = new Set(['tag_key', 'tag_value', 'enforced_for', 'report_required_tag_for', '@@operators_allowed_for_child_policies']);

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function rangeOf(starts: readonly number[], offset: number, length: number): Range {
  const at = (value: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= value) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: value - starts[low]! };
  };
  return { start: at(offset), end: at(offset + length) };
}

export function parsePolicyFile(text: string, sourceName: string, options: PolicyFileOptions = {}): ParsedPolicyFile {
  const starts = lineStarts(text);
  const errors: PolicyFileError[] = [];
  const warnings: PolicyFileError[] = [];
  const fail = (message: string, node: { offset: number; length: number }) =>
    errors.push({ message, range: rangeOf(starts, node.offset, node.length) });
  const source: RequirementSource = { kind: 'policy-file', name: sourceName };

  if (text.trim() === '') {
    fail('The policy file is empty: expected a JSON object with a "tags" member.', { offset: 0, length: 0 });
    return { policy: { requirements: [] }, errors, warnings };
  }
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: false, disallowComments: false });
  for (const error of parseErrors) fail(`Invalid JSON: ${printParseErrorCode(error.error)}`, error);
  if (!root) {
    return { policy: { requirements: [] }, errors, warnings };
  }
  if (root.type !== 'object') {
    fail('A tag policy is a JSON object with a "tags" member.', root);
    return { policy: { requirements: [] }, errors, warnings };
  }
  const tagsNode = findNodeAtLocation(root, ['tags']);
  if (!tagsNode) {
    fail('The tag policy has no "tags" member (AWS Organizations tag policy syntax).', { offset: root.offset, length: 1 });
    return { policy: { requirements: [] }, errors, warnings };
  }
  if (tagsNode.type !== 'object') {
    fail('"tags" must be an object of tag entries.', tagsNode);
    return { policy: { requirements: [] }, errors, warnings };
  }

  const requirements: RequiredTag[] = [];
  for (const property of tagsNode.children ?? []) {
    const [nameNode, entry] = property.children ?? [];
    if (!nameNode || !entry) continue;
    const entryName = String(nameNode.value);
    if (entry.type !== 'object') {
      fail(`Tag entry "${entryName}" must be an object with "tag_key".`, entry);
      continue;
    }
    for (const field of entry.children ?? []) {
      const fieldName = String(field.children?.[0]?.value);
      if (!TAG_FIELDS.has(fieldName))
        fail(
          `Unknown field "${fieldName}" in tag entry "${entryName}"; expected tag_key, tag_value, enforced_for or report_required_tag_for.`,
          field.children![0]!,
        );
    }
    const keyNode = findNodeAtLocation(entry, ['tag_key']);
    const key = keyNode ? effectiveString(keyNode, fail) : entryName;
    if (key === undefined) continue;
    // Length as AWS counts it (characters, not UTF-16 units), from the one place that knows the tag limits.
    const keyProblem = tagProblems(key, '').find((problem) => problem.code === 'empty-key' || problem.code === 'key-too-long');
    if (keyProblem) {
      fail(keyProblem.message, keyNode ?? nameNode);
      continue;
    }
    if (!keyNode)
      warnings.push({
        message: `Tag entry "${entryName}" has no "tag_key"; its name is used as the key.`,
        range: rangeOf(starts, nameNode.offset, nameNode.length),
      });

    const valueNode = findNodeAtLocation(entry, ['tag_value']);
    const allowedValues = valueNode ? effectiveList(valueNode, fail) : undefined;
    const requiredFor = findNodeAtLocation(entry, ['report_required_tag_for']);
    const enforcedFor = findNodeAtLocation(entry, ['enforced_for']);
    const typesNode = requiredFor ?? enforcedFor;
    let resourceTypes: string[] | undefined;
    if (typesNode) {
      const orgTypes = effectiveList(typesNode, fail);
      if (orgTypes) {
        resourceTypes = [];
        for (const orgType of orgTypes) {
          const resolved = orgType.includes('::') ? orgType : options.resolveType?.(orgType);
          if (resolved) resourceTypes.push(resolved);
          else
            warnings.push({
              message: `Unknown resource type "${orgType}"; it is ignored.`,
              range: rangeOf(starts, typesNode.offset, typesNode.length),
            });
        }
        // Every listed type unknown: the requirement applies to nothing rather than to everything.
        if (resourceTypes.length === 0) continue;
      }
    }
    requirements.push({
      key,
      ...(allowedValues && allowedValues.length > 0 ? { allowedValues } : {}),
      ...(resourceTypes ? { resourceTypes } : {}),
      source,
    });
  }
  return { policy: { requirements }, errors, warnings };
}

type Fail = (message: string, node: JsonNode) => void;

/** A field's value after applying the operators: a plain value, or an object of `@@assign`/`@@append`/`@@remove`. */
function effectiveValue(node: JsonNode, fail: Fail): unknown[] | string | undefined {
  if (node.type === 'string') return node.value as string;
  if (node.type === 'array') return arrayOfStrings(node, fail);
  if (node.type !== 'object') {
    fail('Expected a string, a list of strings, or an object with "@@assign".', node);
    return undefined;
  }
  let value: unknown[] | string | undefined;
  for (const operator of ['@@assign', '@@append', '@@remove']) {
    const operand = findNodeAtLocation(node, [operator]);
    if (!operand) continue;
    const items =
      operand.type === 'string' ? (operand.value as string) : operand.type === 'array' ? arrayOfStrings(operand, fail) : undefined;
    if (items === undefined) {
      fail(`"${operator}" takes a string or a list of strings.`, operand);
      continue;
    }
    if (operator === '@@assign') value = items;
    else if (operator === '@@append') value = [...toList(value), ...toList(items)];
    else {
      const removed = new Set(toList(items));
      value = toList(value).filter((item) => !removed.has(item as string));
    }
  }
  for (const member of node.children ?? []) {
    const name = String(member.children?.[0]?.value);
    if (!OPERATORS.has(name)) fail(`Unknown operator "${name}"; expected @@assign, @@append or @@remove.`, member.children![0]!);
  }
  return value;
}

function toList(value: unknown[] | string | undefined): unknown[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

function arrayOfStrings(node: JsonNode, fail: Fail): string[] | undefined {
  const values = getNodeValue(node) as unknown[];
  const bad = (node.children ?? []).find((child) => child.type !== 'string');
  if (bad) {
    fail('Expected a list of strings.', bad);
    return undefined;
  }
  return values as string[];
}

function effectiveString(node: JsonNode, fail: Fail): string | undefined {
  const value = effectiveValue(node, fail);
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
  if (value !== undefined) fail('"tag_key" takes a single string.', node);
  return undefined;
}

function effectiveList(node: JsonNode, fail: Fail): string[] | undefined {
  const value = effectiveValue(node, fail);
  return value === undefined ? undefined : (toList(value) as string[]);
}
