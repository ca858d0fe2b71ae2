import type { TextEdit } from '../../core/range';
import type { SyntaxNode } from '../parser-runtime';
import type { ClientRegion, CreateBucketSite, WrittenConstraint } from './create-bucket-site';
import { codeRegion } from './create-bucket-site';
import { CREATE_BUCKET_TEXT } from './create-bucket-text';
import type { StringValue } from './keyed-shape';
import { followString, singleBinding, type BindingKind } from './single-binding';
import { appendListElement, memberUseCounter, namedChildren, nodeRange, removeListElement, replaceStringContent } from './syntax';

/**
 * CreateBucket calls of the AWS SDK for Go v2: `client.CreateBucket(ctx, &s3.CreateBucketInput{...})` where the client
 * is `s3.NewFromConfig(cfg, func(o *s3.Options) { o.Region = ... })` or `s3.New(s3.Options{Region: ...})`, and `cfg`
 * is `config.LoadDefaultConfig(ctx, config.WithRegion(...))`. The constraint is written as
 * `types.BucketLocationConstraintApNortheast2`, `types.BucketLocationConstraint("...")` or a string. Names are followed
 * when the file binds them once (single-binding.ts). A client whose region comes from the environment or a profile,
 * a custom endpoint, or per-call options is unknown: Tagsight does not model the Go SDK's own lookup.
 */

const CONSTRAINT_PREFIX = 'BucketLocationConstraint';

function childrenOf(node: SyntaxNode | null | undefined): SyntaxNode[] {
  return node ? namedChildren(node).filter((child) => child.type !== 'comment') : [];
}

function goStringLiteral(node: SyntaxNode): string | undefined {
  if (node.type === 'raw_string_literal') return node.text.slice(1, -1);
  if (node.type !== 'interpreted_string_literal') return undefined;
  const parts = namedChildren(node);
  if (parts.some((part) => part.type !== 'interpreted_string_literal_content')) return undefined;
  return parts.map((part) => part.text).join('');
}

/** `ApNortheast2` → `ap-northeast-2`, `Eu` → `EU`: the Go SDK's enum names for constraint values. */
export function goConstraintName(name: string): string {
  if (name === 'Eu') return 'EU';
  return name
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .replace(/([A-Za-z])(\d)/g, '$1-$2')
    .toLowerCase();
}

/** Which occurrences of a name bind it in Go. */
function classifyGo(occurrence: SyntaxNode): BindingKind | undefined {
  const list = occurrence.parent;
  if (!list) return undefined;
  const owner = list.parent;
  if (list.type === 'expression_list' && owner && (owner.type === 'short_var_declaration' || owner.type === 'assignment_statement')) {
    const left = owner.childForFieldName('left');
    if (left?.startIndex !== list.startIndex) return undefined;
    if (owner.type === 'assignment_statement' && owner.childForFieldName('operator')?.text !== '=') return { kind: 'opaque' };
    const index = childrenOf(list).findIndex((child) => child.startIndex === occurrence.startIndex);
    const right = childrenOf(owner.childForFieldName('right'));
    // `cfg, err := config.LoadDefaultConfig(...)`: one call giving several values binds its first to the first name.
    const value = right.length === childrenOf(list).length ? right[index] : index === 0 && right.length === 1 ? right[0] : undefined;
    return value ? { kind: 'binds', value } : { kind: 'opaque' };
  }
  if (
    (list.type === 'var_spec' || list.type === 'const_spec') &&
    list.childrenForFieldName('name').some((name) => name?.startIndex === occurrence.startIndex)
  ) {
    const names = list.childrenForFieldName('name').filter((name): name is SyntaxNode => name !== null);
    const index = names.findIndex((name) => name.startIndex === occurrence.startIndex);
    const values = childrenOf(list.childForFieldName('value'));
    const value = values.length === names.length ? values[index] : undefined;
    return value ? { kind: 'binds', value } : { kind: 'opaque' };
  }
  if (list.type === 'parameter_declaration' || list.type === 'variadic_parameter_declaration' || list.type === 'range_clause')
    return { kind: 'opaque' };
  return undefined;
}

function selectorName(node: SyntaxNode | null | undefined): { operand: string; field: string } | undefined {
  if (node?.type !== 'selector_expression') return undefined;
  const operand = node.childForFieldName('operand');
  const field = node.childForFieldName('field');
  return operand && field ? { operand: operand.text, field: field.text } : undefined;
}

function compositeOf(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  if (node?.type === 'unary_expression' && node.childForFieldName('operator')?.text === '&')
    return compositeOf(node.childForFieldName('operand'));
  return node?.type === 'composite_literal' ? node : undefined;
}

interface KeyedElement {
  readonly element: SyntaxNode;
  readonly value: SyntaxNode;
}

/** The keyed elements of a struct literal; undefined when an element is positional. */
function keyedElements(literal: SyntaxNode): Map<string, KeyedElement> | undefined {
  const elements = new Map<string, KeyedElement>();
  for (const element of childrenOf(literal.childForFieldName('body'))) {
    if (element.type !== 'keyed_element') return undefined;
    const key = element.childForFieldName('key') ?? namedChildren(element)[0];
    const value = element.childForFieldName('value') ?? namedChildren(element)[1];
    if (!key || !value) return undefined;
    elements.set(key.text, { element, value: value.type === 'literal_element' ? (namedChildren(value)[0] ?? value) : value });
  }
  return elements;
}

class GoFile {
  private readonly memberUses: (name: string) => number;

  constructor(
    private readonly root: SyntaxNode,
    private readonly text: string,
  ) {
    this.memberUses = memberUseCounter(text);
  }

  /** Per name: a file with thousands of calls through one client asks for the same few names each time. */
  private readonly bindings = new Map<string, SyntaxNode | undefined>();
  private readonly assignedFields = new Map<string, boolean>();
  private readonly clients = new Map<string, ClientRegion & { literal?: SyntaxNode }>();

  private resolve = (name: SyntaxNode): SyntaxNode | undefined => {
    if (!this.bindings.has(name.text)) this.bindings.set(name.text, singleBinding(this.root, this.text, name.text, classifyGo));
    return this.bindings.get(name.text);
  };

  private string(node: SyntaxNode | null | undefined): StringValue | undefined {
    return followString(node, goStringLiteral, this.resolve, (candidate) => candidate.type === 'identifier');
  }

  /** Follows a name to the value bound to it (one level per call, bounded). */
  private valueOf(node: SyntaxNode | null | undefined, depth = 0): SyntaxNode | undefined {
    if (!node || depth > 8) return undefined;
    if (node.type === 'identifier') return this.valueOf(this.resolve(node), depth + 1);
    if (node.type === 'parenthesized_expression') return this.valueOf(namedChildren(node)[0], depth + 1);
    return node;
  }

  /** Whether the file assigns `name.Region` (or an endpoint) after creating it: its region is then not fixed. */
  private fieldAssigned(name: string, fields: readonly string[]): boolean {
    const key = `${name}\0${fields.join('|')}`;
    let assigned = this.assignedFields.get(key);
    if (assigned === undefined) {
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      assigned = new RegExp(`(?<![\\w.])${escaped}\\s*\\.\\s*(${fields.join('|')})\\s*=[^=]`).test(this.text);
      this.assignedFields.set(key, assigned);
    }
    return assigned;
  }

  /** The region an options function sets (`func(o *s3.Options) { o.Region = ... }`); 'none' when it sets none. */
  private optionsRegion(fn: SyntaxNode): StringValue | 'none' | undefined {
    if (fn.type !== 'func_literal') return undefined;
    const parameter = namedChildren(fn.childForFieldName('parameters')!).find((child) => child.type === 'parameter_declaration');
    const name = parameter?.childForFieldName('name')?.text;
    if (!name) return 'none';
    let region: StringValue | 'none' | undefined = 'none';
    for (const assignment of fn.descendantsOfType('assignment_statement')) {
      for (const target of childrenOf(assignment?.childForFieldName('left'))) {
        const selector = selectorName(target);
        if (selector?.operand !== name) continue;
        if (['BaseEndpoint', 'EndpointResolver', 'EndpointResolverV2', 'UseARNRegion'].includes(selector.field)) return undefined;
        if (selector.field !== 'Region') continue;
        if (region !== 'none') return undefined;
        const values = childrenOf(assignment!.childForFieldName('right'));
        region = values.length === 1 ? this.string(values[0]) : undefined;
        if (!region) return undefined;
      }
    }
    return region;
  }

  private configRegion(cfgNode: SyntaxNode): ClientRegion {
    if (
      cfgNode.type === 'identifier' &&
      this.fieldAssigned(cfgNode.text, ['Region', 'BaseEndpoint', 'EndpointResolver', 'EndpointResolverWithOptions'])
    )
      return { kind: 'unknown' };
    const cfg = this.valueOf(cfgNode);
    if (cfg?.type === 'composite_literal') {
      const region = keyedElements(cfg)?.get('Region');
      const value = region && this.string(region.value);
      return value ? codeRegion(value) : { kind: 'unknown' };
    }
    if (cfg?.type !== 'call_expression' || selectorName(cfg.childForFieldName('function'))?.field !== 'LoadDefaultConfig')
      return { kind: 'unknown' };
    let region: StringValue | undefined;
    for (const option of childrenOf(cfg.childForFieldName('arguments')).slice(1)) {
      const name = selectorName(option.type === 'call_expression' ? option.childForFieldName('function') : null)?.field;
      if (!name) return { kind: 'unknown' };
      if (name === 'WithRegion') {
        region = this.string(childrenOf(option.childForFieldName('arguments'))[0]);
        if (!region) return { kind: 'unknown' };
      } else if (/Endpoint|SharedConfigProfile|DefaultRegion|EC2IMDSRegion/.test(name)) {
        return { kind: 'unknown' };
      }
    }
    // No WithRegion: the SDK's own lookup (environment, profile) decides, which Tagsight does not model for Go.
    return region ? codeRegion(region) : { kind: 'unknown' };
  }

  /** The client's region and the literal a fix would edit (per name, for a client bound to one). */
  private clientRegion(clientNode: SyntaxNode): ClientRegion & { literal?: SyntaxNode } {
    if (clientNode.type !== 'identifier') return this.readClientRegion(clientNode);
    let client = this.clients.get(clientNode.text);
    if (!client) {
      client = this.readClientRegion(clientNode);
      this.clients.set(clientNode.text, client);
    }
    return client;
  }

  private readClientRegion(clientNode: SyntaxNode): ClientRegion & { literal?: SyntaxNode } {
    if (clientNode.type === 'identifier' && this.fieldAssigned(clientNode.text, ['Options'])) return { kind: 'unknown' };
    const client = this.valueOf(clientNode);
    if (client?.type !== 'call_expression') return { kind: 'unknown' };
    const fn = selectorName(client.childForFieldName('function'));
    const args = childrenOf(client.childForFieldName('arguments'));
    if (fn?.operand !== 's3') return { kind: 'unknown' };
    if (fn.field === 'New') {
      const options = compositeOf(args[0]);
      const fields = options && keyedElements(options);
      if (!fields || fields.has('BaseEndpoint') || fields.has('EndpointResolver') || fields.has('EndpointResolverV2'))
        return { kind: 'unknown' };
      const region = fields.get('Region');
      const value = region && this.string(region.value);
      return value ? { ...codeRegion(value), literal: value.literal } : { kind: 'unknown' };
    }
    if (fn.field !== 'NewFromConfig' || !args[0]) return { kind: 'unknown' };
    let override: StringValue | undefined;
    for (const option of args.slice(1)) {
      const region = this.optionsRegion(option);
      if (region === undefined) return { kind: 'unknown' };
      if (region !== 'none') override = region;
    }
    if (override) return { ...codeRegion(override), literal: override.literal };
    const region = this.configRegion(args[0]);
    if (region.kind !== 'code') return region;
    const cfg = this.valueOf(args[0]);
    const literal = cfg && this.regionLiteralIn(cfg);
    return { ...region, ...(literal ? { literal } : {}) };
  }

  private regionLiteralIn(cfg: SyntaxNode): SyntaxNode | undefined {
    if (cfg.type === 'composite_literal') return this.string(keyedElements(cfg)?.get('Region')?.value)?.literal;
    for (const option of childrenOf(cfg.childForFieldName('arguments'))) {
      if (option.type === 'call_expression' && selectorName(option.childForFieldName('function'))?.field === 'WithRegion') {
        return this.string(childrenOf(option.childForFieldName('arguments'))[0])?.literal;
      }
    }
    return undefined;
  }

  private constraintValue(node: SyntaxNode): StringValue | undefined {
    const selector = selectorName(node);
    if (selector && selector.field.startsWith(CONSTRAINT_PREFIX) && selector.field.length > CONSTRAINT_PREFIX.length) {
      return { value: goConstraintName(selector.field.slice(CONSTRAINT_PREFIX.length)), literal: node };
    }
    if (node.type === 'call_expression' && selectorName(node.childForFieldName('function'))?.field === CONSTRAINT_PREFIX) {
      return this.string(childrenOf(node.childForFieldName('arguments'))[0]);
    }
    if (node.type === 'type_conversion_expression') return this.string(node.childForFieldName('operand'));
    return this.string(node);
  }

  private readInput(inputNode: SyntaxNode | undefined): {
    constraint: WrittenConstraint;
    input?: SyntaxNode;
    configuration?: KeyedElement;
    constraintElement?: SyntaxNode;
    configurationOnlyConstraint?: boolean;
  } {
    const input = compositeOf(this.valueOf(inputNode));
    if (!input || (inputNode?.type === 'identifier' && this.fieldAssigned(inputNode.text, ['CreateBucketConfiguration'])))
      return { constraint: { kind: 'unknown' } };
    const fields = keyedElements(input);
    if (!fields) return { constraint: { kind: 'unknown' } };
    const configuration = fields.get('CreateBucketConfiguration');
    if (!configuration) return { constraint: { kind: 'absent', hasCreateBucketConfiguration: false }, input };
    const literal = compositeOf(this.valueOf(configuration.value));
    const inner = literal && keyedElements(literal);
    if (!inner) return { constraint: { kind: 'unknown' } };
    const constraint = inner.get('LocationConstraint');
    if (!constraint) return { constraint: { kind: 'absent', hasCreateBucketConfiguration: true }, input, configuration };
    const value = this.constraintValue(constraint.value);
    if (!value) return { constraint: { kind: 'unknown' } };
    return {
      constraint: { kind: 'value', value: value.value, range: nodeRange(constraint.value) },
      input,
      configuration,
      constraintElement: constraint.element,
      configurationOnlyConstraint: inner.size === 1 && compositeOf(configuration.value) !== undefined,
    };
  }

  sites(): CreateBucketSite[] {
    const sites: CreateBucketSite[] = [];
    const hasTypesImport = /"github\.com\/aws\/aws-sdk-go-v2\/service\/s3\/types"/.test(this.text) && !/\btypes\s+"/.test(this.text);
    for (const call of this.root.descendantsOfType('call_expression')) {
      if (!call) continue;
      const fn = selectorName(call.childForFieldName('function'));
      if (fn?.field !== 'CreateBucket') continue;
      const args = childrenOf(call.childForFieldName('arguments'));
      const clientNode = call.childForFieldName('function')!.childForFieldName('operand')!;
      // Per-call options (a third argument) may change the region or endpoint of this one call.
      const client = args.length > 2 ? { kind: 'unknown' as const } : this.clientRegion(clientNode);
      const reading = this.readInput(args[1]);
      const regionLiteral = 'literal' in client ? client.literal : undefined;
      sites.push({
        tool: 'go-v2',
        range: nodeRange(call),
        description: `${clientNode.text}.CreateBucket(...)`,
        client: client.kind === 'code' ? { kind: 'code', region: client.region, source: client.source } : client,
        constraint: reading.constraint,
        clientShared: clientNode.type === 'identifier' && this.memberUses(clientNode.text) > 1,
        setClientRegion: (region): TextEdit[] | undefined =>
          regionLiteral && goStringLiteral(regionLiteral) !== undefined ? [replaceStringContent(regionLiteral, 1, 1, region)] : undefined,
        removeConstraint: () => {
          if (!reading.constraintElement || !reading.configuration) return undefined;
          return [removeListElement(reading.configurationOnlyConstraint ? reading.configuration.element : reading.constraintElement)];
        },
        addConstraint: (region) => {
          if (!hasTypesImport || !reading.input || reading.configuration) return undefined;
          const body = reading.input.childForFieldName('body');
          return body
            ? appendListElement(
                body,
                '}',
                `CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint("${region}")}`,
              )
            : undefined;
        },
      });
    }
    return sites;
  }
}

export function extractGoSites(root: SyntaxNode, text: string): CreateBucketSite[] {
  if (!CREATE_BUCKET_TEXT.go.test(text)) return [];
  return new GoFile(root, text).sites();
}
