import { escapeRegExp } from '../../core/regexp';
import type { S3Tool } from '../../core/s3-create-bucket-outcome';
import type { SyntaxNode } from '../parser-runtime';
import type { ClientRegion, CreateBucketSite, WrittenConstraint } from './create-bucket-site';
import { codeRegion } from './create-bucket-site';
import { CREATE_BUCKET_TEXT } from './create-bucket-text';
import type { StringValue } from './keyed-shape';
import { followString, singleBinding, type BindingKind } from './single-binding';
import { memberUseCounter, namedChildren, nodeRange, replaceNode, replaceStringContent } from './syntax';

/**
 * CreateBucket calls of the AWS SDK for Java: 2.x `S3Client.builder().region(Region.X).build()` (and S3AsyncClient)
 * with `createBucket(CreateBucketRequest.builder()...createBucketConfiguration(CreateBucketConfiguration.builder()
 * .locationConstraint(...).build()).build())` or the consumer-builder form `createBucket(b -> b...)`; 1.x
 * `AmazonS3ClientBuilder.standard().withRegion(...).build()` with `createBucket(name)`, `createBucket(name, region)`
 * or `createBucket(new CreateBucketRequest(name, region))`. Names are followed when the file binds them once
 * (single-binding.ts). Clients without a region in code, with an endpoint override, cross-region access or forced
 * global bucket access are unknown.
 */

interface ChainCall {
  readonly name: string;
  readonly args: SyntaxNode[];
  readonly node: SyntaxNode;
}

/** `A.b().c(x).d()` → root `A`, calls b, c, d in order. */
function chainOf(node: SyntaxNode): { root: SyntaxNode | undefined; calls: ChainCall[] } {
  const calls: ChainCall[] = [];
  let current: SyntaxNode | null = node;
  while (current?.type === 'method_invocation') {
    const name = current.childForFieldName('name')?.text ?? '';
    calls.unshift({ name, args: argumentsOf(current), node: current });
    current = current.childForFieldName('object');
  }
  return { root: current ?? undefined, calls };
}

function argumentsOf(node: SyntaxNode): SyntaxNode[] {
  const list = node.childForFieldName('arguments');
  return list
    ? namedChildren(list).filter((child) => child.type !== 'comment' && child.type !== 'block_comment' && child.type !== 'line_comment')
    : [];
}

function javaStringLiteral(node: SyntaxNode): string | undefined {
  if (node.type !== 'string_literal') return undefined;
  const parts = namedChildren(node);
  if (parts.some((part) => part.type !== 'string_fragment')) return undefined;
  return parts.map((part) => part.text).join('');
}

/** `US_EAST_1` → `us-east-1` (Region and Regions constants, BucketLocationConstraint values). */
function constantRegion(name: string): string {
  return name === 'EU' ? 'EU' : name === 'AWS_GLOBAL' ? 'aws-global' : name.toLowerCase().replace(/_/g, '-');
}

function classifyJava(occurrence: SyntaxNode): BindingKind | undefined {
  const parent = occurrence.parent;
  if (!parent) return undefined;
  if (parent.type === 'variable_declarator' && parent.childForFieldName('name')?.startIndex === occurrence.startIndex) {
    const value = parent.childForFieldName('value');
    // `S3Client s3;` declares without a value; an assignment elsewhere binds it.
    return value ? { kind: 'binds', value } : undefined;
  }
  if (parent.type === 'assignment_expression' && parent.childForFieldName('left')?.startIndex === occurrence.startIndex) {
    const value = parent.childForFieldName('right');
    return value && parent.childForFieldName('operator')?.text === '=' ? { kind: 'binds', value } : { kind: 'opaque' };
  }
  if (
    [
      'formal_parameter',
      'spread_parameter',
      'catch_formal_parameter',
      'enhanced_for_statement',
      'lambda_expression',
      'inferred_parameters',
      'resource',
    ].includes(parent.type)
  ) {
    return { kind: 'opaque' };
  }
  return undefined;
}

interface RegionReading {
  readonly value: StringValue;
  /** Replaces the region expression with another region, in the form it was written. */
  readonly replace: (region: string) => ReturnType<typeof replaceNode>;
}

class JavaFile {
  private readonly memberUses: (name: string) => number;

  constructor(
    private readonly root: SyntaxNode,
    private readonly text: string,
  ) {
    this.memberUses = memberUseCounter(text);
  }

  /** Per name: a file with thousands of calls through one client asks for the same few names each time. */
  private readonly bindings = new Map<string, SyntaxNode | undefined>();
  private readonly clients = new Map<string, ReturnType<JavaFile['readClient']>>();

  private resolve = (name: SyntaxNode): SyntaxNode | undefined => {
    if (!this.bindings.has(name.text)) {
      // `this.s3 = ...` is not seen as a binding of `s3`: a name assigned that way is not followed at all.
      const assignedAsMember = new RegExp(`\\.\\s*${escapeRegExp(name.text)}\\s*=[^=]`).test(this.text);
      this.bindings.set(name.text, assignedAsMember ? undefined : singleBinding(this.root, this.text, name.text, classifyJava));
    }
    return this.bindings.get(name.text);
  };

  private string(node: SyntaxNode | null | undefined): StringValue | undefined {
    return followString(node, javaStringLiteral, this.resolve, (candidate) => candidate.type === 'identifier');
  }

  private valueOf(node: SyntaxNode | null | undefined, depth = 0): SyntaxNode | undefined {
    if (!node || depth > 8) return undefined;
    if (node.type === 'identifier') return this.valueOf(this.resolve(node), depth + 1);
    if (node.type === 'parenthesized_expression') return this.valueOf(namedChildren(node)[0], depth + 1);
    return node;
  }

  /** `Region.US_EAST_1`, `Region.of("...")`, `Regions.X`, `Regions.fromName("...")` or a string. */
  private region(node: SyntaxNode | undefined, enumName: string): RegionReading | undefined {
    if (!node) return undefined;
    if (node.type === 'field_access' && node.childForFieldName('object')?.text === enumName) {
      const field = node.childForFieldName('field')!.text;
      return {
        value: { value: constantRegion(field), literal: node },
        replace: (region) => replaceNode(node, `${enumName}.${region.toUpperCase().replace(/-/g, '_')}`),
      };
    }
    if (
      node.type === 'method_invocation' &&
      node.childForFieldName('object')?.text === enumName &&
      ['of', 'fromName'].includes(node.childForFieldName('name')?.text ?? '')
    ) {
      return this.stringRegion(argumentsOf(node)[0]);
    }
    return this.stringRegion(node);
  }

  private stringRegion(node: SyntaxNode | undefined): RegionReading | undefined {
    const value = this.string(node);
    if (!value) return undefined;
    return { value, replace: (region) => replaceStringContent(value.literal, 1, 1, region) };
  }

  private client(receiver: SyntaxNode): { tool?: S3Tool; region: ClientRegion; reading?: RegionReading } {
    if (receiver.type !== 'identifier') return this.readClient(receiver);
    let client = this.clients.get(receiver.text);
    if (!client) {
      client = this.readClient(receiver);
      this.clients.set(receiver.text, client);
    }
    return client;
  }

  private readClient(receiver: SyntaxNode): { tool?: S3Tool; region: ClientRegion; reading?: RegionReading } {
    // A name assigned as a member (`this.s3 = ...`) resolves to nothing (see resolve), so it is unknown.
    const value = this.valueOf(receiver);
    if (value?.type !== 'method_invocation') return { region: { kind: 'unknown' } };
    const { root, calls } = chainOf(value);
    const rootName = root?.type === 'identifier' ? root.text : '';
    let tool: S3Tool | undefined;
    let regionCall: string;
    let unknownCalls: RegExp;
    let enumName: string;
    if ((rootName === 'S3Client' || rootName === 'S3AsyncClient') && calls[0]?.name === 'builder') {
      tool = 'java-v2';
      regionCall = 'region';
      enumName = 'Region';
      unknownCalls = /^(endpointOverride|endpointProvider|crossRegionAccessEnabled|applyMutation)$/;
    } else if (rootName === 'AmazonS3ClientBuilder' && calls[0]?.name === 'standard') {
      tool = 'java-v1';
      regionCall = 'withRegion';
      enumName = 'Regions';
      unknownCalls =
        /^(withEndpointConfiguration|enableForceGlobalBucketAccess|withForceGlobalBucketAccessEnabled|setForceGlobalBucketAccessEnabled|enableRegionalUsEast1Endpoint|withRegionalUsEast1EndpointEnabled|setEndpointConfiguration|setRegion)$/;
    } else {
      return { region: { kind: 'unknown' } };
    }
    if (calls[calls.length - 1]?.name !== 'build') return { tool, region: { kind: 'unknown' } };
    let reading: RegionReading | undefined;
    for (const call of calls.slice(1, -1)) {
      if (unknownCalls.test(call.name)) return { tool, region: { kind: 'unknown' } };
      if (call.name !== regionCall) continue;
      reading = this.region(call.args[0], enumName);
      if (!reading) return { tool, region: { kind: 'unknown' } };
    }
    // No region in code: the SDK's own lookup (system property, environment, profile), which Tagsight does not model.
    return reading ? { tool, region: codeRegion(reading.value), reading } : { tool, region: { kind: 'unknown' } };
  }

  /** `BucketLocationConstraint.X`, `BucketLocationConstraint.fromValue("...")` or a string. */
  private constraintValue(node: SyntaxNode | undefined): StringValue | undefined {
    if (!node) return undefined;
    if (node.type === 'field_access' && node.childForFieldName('object')?.text === 'BucketLocationConstraint') {
      return { value: constantRegion(node.childForFieldName('field')!.text), literal: node };
    }
    if (
      node.type === 'method_invocation' &&
      node.childForFieldName('object')?.text === 'BucketLocationConstraint' &&
      node.childForFieldName('name')?.text === 'fromValue'
    ) {
      return this.string(argumentsOf(node)[0]);
    }
    return this.string(node);
  }

  /** The calls made on a builder: a chain rooted at `Type.builder()`, or a consumer lambda `b -> b....`. */
  private builderCalls(node: SyntaxNode | undefined, type: string): ChainCall[] | undefined {
    const value = this.valueOf(node);
    if (!value) return undefined;
    if (value.type === 'lambda_expression') {
      const parameters = value.childForFieldName('parameters');
      const name =
        parameters?.type === 'identifier'
          ? parameters.text
          : parameters && namedChildren(parameters).length === 1
            ? namedChildren(parameters)[0]!.text
            : undefined;
      const body = value.childForFieldName('body');
      if (!name || body?.type !== 'method_invocation') return undefined;
      const { root, calls } = chainOf(body);
      return root?.type === 'identifier' && root.text === name ? calls : undefined;
    }
    if (value.type !== 'method_invocation') return undefined;
    const { root, calls } = chainOf(value);
    if (root?.text !== type || calls[0]?.name !== 'builder' || calls[calls.length - 1]?.name !== 'build') return undefined;
    return calls.slice(1, -1);
  }

  private v2Constraint(args: SyntaxNode[]): WrittenConstraint {
    if (args.length !== 1) return { kind: 'unknown' };
    const request = this.builderCalls(args[0], 'CreateBucketRequest');
    if (!request) return { kind: 'unknown' };
    const configurations = request.filter((call) => call.name === 'createBucketConfiguration');
    if (configurations.length === 0) return { kind: 'absent', hasCreateBucketConfiguration: false };
    if (configurations.length > 1) return { kind: 'unknown' };
    const configuration = this.builderCalls(configurations[0]!.args[0], 'CreateBucketConfiguration');
    if (!configuration || configuration.some((call) => call.name === 'location' || call.name === 'bucket')) return { kind: 'unknown' };
    const constraints = configuration.filter((call) => call.name === 'locationConstraint');
    if (constraints.length === 0) return { kind: 'absent', hasCreateBucketConfiguration: true };
    const value = constraints.length === 1 ? this.constraintValue(constraints[0]!.args[0]) : undefined;
    return value ? { kind: 'value', value: value.value, range: nodeRange(value.literal) } : { kind: 'unknown' };
  }

  private v1Constraint(args: SyntaxNode[]): WrittenConstraint {
    let written = args;
    if (args.length === 1) {
      const value = this.valueOf(args[0]);
      if (value?.type === 'object_creation_expression') {
        if (value.childForFieldName('type')?.text !== 'CreateBucketRequest') return { kind: 'unknown' };
        written = argumentsOf(value);
      } else if (!this.string(args[0])) {
        return { kind: 'unknown' };
      }
    }
    if (written.length === 1) return { kind: 'absent', hasCreateBucketConfiguration: false };
    if (written.length !== 2) return { kind: 'unknown' };
    const region = this.string(written[1]);
    // "US" is SDK v1's name for us-east-1, sent as no constraint; the model's Region enum is not followed.
    if (!region || region.value === 'US') return { kind: 'unknown' };
    return { kind: 'value', value: region.value, range: nodeRange(region.literal) };
  }

  /** Which SDK a call's arguments are written for, when its client cannot tell. */
  private toolFromArguments(args: SyntaxNode[]): S3Tool {
    const first = args[0];
    if (first?.type === 'lambda_expression' || (first?.type === 'method_invocation' && chainOf(first).root?.text === 'CreateBucketRequest'))
      return 'java-v2';
    return 'java-v1';
  }

  sites(): CreateBucketSite[] {
    const sites: CreateBucketSite[] = [];
    for (const call of this.root.descendantsOfType('method_invocation')) {
      if (call?.childForFieldName('name')?.text !== 'createBucket') continue;
      const receiver = call.childForFieldName('object');
      if (!receiver) continue;
      const args = argumentsOf(call);
      const client = this.client(receiver);
      const tool = client.tool ?? this.toolFromArguments(args);
      const constraint = tool === 'java-v2' ? this.v2Constraint(args) : this.v1Constraint(args);
      const reading = client.reading;
      sites.push({
        tool,
        range: nodeRange(call),
        description: `${receiver.text}.createBucket(...)`,
        client: client.region,
        constraint,
        clientShared: receiver.type === 'identifier' && this.memberUses(receiver.text) > 1,
        setClientRegion: (region) => (reading ? [reading.replace(region)] : undefined),
      });
    }
    return sites;
  }
}

export function extractJavaSites(root: SyntaxNode, text: string): CreateBucketSite[] {
  if (!CREATE_BUCKET_TEXT.java.test(text)) return [];
  return new JavaFile(root, text).sites();
}
