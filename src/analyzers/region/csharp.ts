import { escapeRegExp } from '../../core/regexp';
import type { TextEdit } from '../../core/range';
import type { SyntaxNode } from '../parser-runtime';
import type { ClientRegion, CreateBucketSite, WrittenConstraint } from './create-bucket-site';
import { codeRegion } from './create-bucket-site';
import { CREATE_BUCKET_TEXT } from './create-bucket-text';
import type { StringValue } from './keyed-shape';
import { followString, singleBinding, type BindingKind } from './single-binding';
import { memberUseCounter, namedChildren, nodeRange, replaceNode, replaceStringContent } from './syntax';

/**
 * PutBucket calls of the AWS SDK for .NET: `new AmazonS3Client(RegionEndpoint.USEast1)` (or with credentials first, or
 * `new AmazonS3Config { RegionEndpoint = ... }`), then `PutBucketAsync(new PutBucketRequest { BucketName = ...,
 * BucketRegionName = ... })` or `PutBucketAsync("name")`. Names are followed when the file binds them once
 * (single-binding.ts). A client whose region comes from the environment or a profile, a `ServiceURL`, a regional
 * us-east-1 endpoint setting, `UseClientRegion = false`, a `PutBucketConfiguration` or an `S3Region` constant is
 * unknown, and so is an explicit `us-east-1` region name (how the SDK sends it is not documented).
 */

function csharpStringLiteral(node: SyntaxNode): string | undefined {
  if (node.type === 'verbatim_string_literal') return node.text.slice(2, -1);
  if (node.type !== 'string_literal') return undefined;
  const parts = namedChildren(node);
  if (parts.some((part) => part.type !== 'string_literal_content')) return undefined;
  return parts.map((part) => part.text).join('');
}

/** `USEast1` → `us-east-1`; undefined for names of another shape (`USGovCloudWest1`). */
function regionEndpointRegion(name: string): string | undefined {
  const match = /^([A-Z]{2})([A-Z][a-z]+)(\d+)$/.exec(name);
  return match ? `${match[1]!.toLowerCase()}-${match[2]!.toLowerCase()}-${match[3]}` : undefined;
}

/** `eu-west-1` → `EUWest1`. */
function regionEndpointName(region: string): string | undefined {
  const match = /^([a-z]{2})-([a-z]+)-(\d+)$/.exec(region);
  return match ? `${match[1]!.toUpperCase()}${match[2]![0]!.toUpperCase()}${match[2]!.slice(1)}${match[3]}` : undefined;
}

function declaratorValue(declarator: SyntaxNode): SyntaxNode | undefined {
  const name = declarator.childForFieldName('name');
  const rest = namedChildren(declarator).filter(
    (child) => child.startIndex !== name?.startIndex && child.type !== 'bracketed_argument_list',
  );
  const value = rest[rest.length - 1];
  return value?.type === 'equals_value_clause' ? namedChildren(value)[0] : value;
}

function classifyCSharp(occurrence: SyntaxNode): BindingKind | undefined {
  const parent = occurrence.parent;
  if (!parent) return undefined;
  if (parent.type === 'variable_declarator' && parent.childForFieldName('name')?.startIndex === occurrence.startIndex) {
    const value = declaratorValue(parent);
    return value ? { kind: 'binds', value } : undefined;
  }
  if (parent.type === 'assignment_expression' && parent.childForFieldName('left')?.startIndex === occurrence.startIndex) {
    const value = parent.childForFieldName('right');
    return value && parent.childForFieldName('operator')?.text === '=' ? { kind: 'binds', value } : { kind: 'opaque' };
  }
  if (['parameter', 'foreach_statement', 'catch_declaration', 'declaration_expression', 'out_argument'].includes(parent.type))
    return { kind: 'opaque' };
  return undefined;
}

function argumentValues(node: SyntaxNode): SyntaxNode[] {
  const list = node.childForFieldName('arguments');
  return list
    ? namedChildren(list)
        .filter((child) => child.type === 'argument')
        .map((argument) => namedChildren(argument).pop()!)
        .filter(Boolean)
    : [];
}

function typeName(node: SyntaxNode): string {
  const type = node.childForFieldName('type');
  return type?.text.split('.').pop() ?? '';
}

/** `Key = value` assignments of an object initializer, by key; undefined when it holds anything else. */
function initializerAssignments(creation: SyntaxNode): Map<string, SyntaxNode> | undefined {
  const initializer =
    creation.childForFieldName('initializer') ?? namedChildren(creation).find((child) => child.type === 'initializer_expression');
  const assignments = new Map<string, SyntaxNode>();
  if (!initializer) return assignments;
  for (const child of namedChildren(initializer)) {
    if (child.type === 'comment') continue;
    const left = child.type === 'assignment_expression' ? child.childForFieldName('left') : null;
    const right = child.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) return undefined;
    assignments.set(left.text, right);
  }
  return assignments;
}

interface RegionReading {
  readonly value: StringValue;
  readonly replace: (region: string) => TextEdit[] | undefined;
}

class CSharpFile {
  private readonly memberUses: (name: string) => number;

  constructor(
    private readonly root: SyntaxNode,
    private readonly text: string,
  ) {
    this.memberUses = memberUseCounter(text);
  }

  /** `x.Prop = ...` anywhere: an object whose properties change after it is made is not followed. */
  private changedLater(name: string): boolean {
    let changed = this.changed.get(name);
    if (changed === undefined) {
      changed = new RegExp(`(?<![\\w.])${escapeRegExp(name)}\\s*\\.\\s*\\w+\\s*=[^=]|\\.\\s*${escapeRegExp(name)}\\s*=[^=]`).test(
        this.text,
      );
      this.changed.set(name, changed);
    }
    return changed;
  }

  /** Per name: a file with thousands of calls through one client asks for the same few names each time. */
  private readonly changed = new Map<string, boolean>();
  private readonly bindings = new Map<string, SyntaxNode | undefined>();
  private readonly clients = new Map<string, ReturnType<CSharpFile['readClient']>>();

  private resolve = (name: SyntaxNode): SyntaxNode | undefined => {
    if (!this.bindings.has(name.text)) {
      this.bindings.set(
        name.text,
        this.changedLater(name.text) ? undefined : singleBinding(this.root, this.text, name.text, classifyCSharp),
      );
    }
    return this.bindings.get(name.text);
  };

  private string(node: SyntaxNode | null | undefined): StringValue | undefined {
    return followString(node, csharpStringLiteral, this.resolve, (candidate) => candidate.type === 'identifier');
  }

  private valueOf(node: SyntaxNode | null | undefined, depth = 0): SyntaxNode | undefined {
    if (!node || depth > 8) return undefined;
    if (node.type === 'identifier') return this.valueOf(this.resolve(node), depth + 1);
    if (node.type === 'parenthesized_expression') return this.valueOf(namedChildren(node)[0], depth + 1);
    return node;
  }

  /** `RegionEndpoint.USEast1` or `RegionEndpoint.GetBySystemName("...")`. */
  private regionEndpoint(node: SyntaxNode | undefined): RegionReading | undefined {
    if (!node) return undefined;
    if (node.type === 'member_access_expression' && node.childForFieldName('expression')?.text === 'RegionEndpoint') {
      const region = regionEndpointRegion(node.childForFieldName('name')!.text);
      if (!region) return undefined;
      return {
        value: { value: region, literal: node },
        replace: (target) => {
          const name = regionEndpointName(target);
          return name ? [replaceNode(node, `RegionEndpoint.${name}`)] : undefined;
        },
      };
    }
    if (
      node.type === 'invocation_expression' &&
      node.childForFieldName('function')?.text.replace(/\s+/g, '') === 'RegionEndpoint.GetBySystemName'
    ) {
      const value = this.string(argumentValues(node)[0]);
      return value && { value, replace: (target) => [replaceStringContent(value.literal, 1, 1, target)] };
    }
    if (node.type === 'identifier') return this.regionEndpoint(this.valueOf(node));
    return undefined;
  }

  private client(receiver: SyntaxNode): { region: ClientRegion; reading?: RegionReading } {
    if (receiver.type !== 'identifier') return this.readClient(receiver);
    let client = this.clients.get(receiver.text);
    if (!client) {
      client = this.readClient(receiver);
      this.clients.set(receiver.text, client);
    }
    return client;
  }

  private readClient(receiver: SyntaxNode): { region: ClientRegion; reading?: RegionReading } {
    const unknown = { region: { kind: 'unknown' as const } };
    const creation = this.valueOf(receiver);
    if (creation?.type !== 'object_creation_expression' || typeName(creation) !== 'AmazonS3Client') return unknown;
    let reading: RegionReading | undefined;
    for (const argument of argumentValues(creation)) {
      const value = this.valueOf(argument);
      if (value?.type === 'object_creation_expression' && typeName(value) === 'AmazonS3Config') {
        const settings = initializerAssignments(value);
        if (!settings || settings.has('ServiceURL') || settings.has('USEast1RegionalEndpointValue') || settings.has('AuthenticationRegion'))
          return unknown;
        if (argument.type === 'identifier' && this.changedLater(argument.text)) return unknown;
        const endpoint = settings.get('RegionEndpoint');
        if (endpoint) reading = this.regionEndpoint(endpoint);
        if (endpoint && !reading) return unknown;
        continue;
      }
      const endpoint = this.regionEndpoint(argument);
      if (endpoint) reading = endpoint;
    }
    // No region in code: the SDK's own lookup (environment, profile), which Tagsight does not model for .NET.
    return reading ? { region: codeRegion(reading.value), reading } : unknown;
  }

  private constraint(args: SyntaxNode[]): WrittenConstraint {
    const first = args[0];
    if (!first) return { kind: 'unknown' };
    if (this.string(first)) return { kind: 'absent', hasCreateBucketConfiguration: false };
    const request = this.valueOf(first);
    if (request?.type !== 'object_creation_expression' || typeName(request) !== 'PutBucketRequest') return { kind: 'unknown' };
    if (first.type === 'identifier' && this.changedLater(first.text)) return { kind: 'unknown' };
    const settings = initializerAssignments(request);
    if (
      !settings ||
      settings.has('PutBucketConfiguration') ||
      (settings.has('UseClientRegion') && settings.get('UseClientRegion')!.text !== 'true')
    )
      return { kind: 'unknown' };
    const byName = settings.get('BucketRegionName');
    const byRegion = settings.get('BucketRegion');
    if (!byName && !byRegion) return { kind: 'absent', hasCreateBucketConfiguration: false };
    if (byName && byRegion) return { kind: 'unknown' };
    let value: StringValue | undefined;
    if (byName) value = this.string(byName);
    else if (
      byRegion?.type === 'invocation_expression' &&
      byRegion.childForFieldName('function')?.text.replace(/\s+/g, '') === 'S3Region.FindValue'
    ) {
      value = this.string(argumentValues(byRegion)[0]);
    }
    if (!value || value.value === 'us-east-1' || value.value === '') return { kind: 'unknown' };
    return { kind: 'value', value: value.value, range: nodeRange(value.literal) };
  }

  sites(): CreateBucketSite[] {
    const sites: CreateBucketSite[] = [];
    for (const call of this.root.descendantsOfType('invocation_expression')) {
      const fn = call?.childForFieldName('function');
      if (fn?.type !== 'member_access_expression') continue;
      const method = fn.childForFieldName('name')?.text;
      if (method !== 'PutBucketAsync' && method !== 'PutBucket') continue;
      const receiver = fn.childForFieldName('expression');
      if (!receiver) continue;
      const client = this.client(receiver);
      const reading = client.reading;
      sites.push({
        tool: 'dotnet',
        range: nodeRange(call!),
        description: `${receiver.text}.${method}(...)`,
        client: client.region,
        constraint: this.constraint(argumentValues(call!)),
        clientShared: receiver.type === 'identifier' && this.memberUses(receiver.text) > 1,
        setClientRegion: (region) => reading?.replace(region),
      });
    }
    return sites;
  }
}

export function extractCSharpSites(root: SyntaxNode, text: string): CreateBucketSite[] {
  if (!CREATE_BUCKET_TEXT.csharp.test(text)) return [];
  return new CSharpFile(root, text).sites();
}
