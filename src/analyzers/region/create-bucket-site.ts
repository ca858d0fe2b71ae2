import type { ConfiguredRegion } from '../../core/configured-region';
import type { Range, TextEdit } from '../../core/range';
import type { S3Tool } from '../../core/s3-create-bucket-outcome';
import type { SyntaxNode } from '../parser-runtime';
import type { KeyedShape, StringValue } from './keyed-shape';
import { namedChildren, nodeRange, removeListElement } from './syntax';

/** The region a named profile gives (shared config file), with its source (injected: analyzers read no files). */
export type ProfileRegionLookup = (profile: string) => ConfiguredRegion | undefined;

/**
 * One CreateBucket call found in code, in language-neutral terms: what each language's extractor produces and
 * what findings.ts judges. Edits are built by the extractor because only it knows the syntax; the functions at the
 * end of this file are the steps the JavaScript and Python extractors share.
 */
export type ClientRegion =
  /** Written in the code (literal, constant, default parameter, ...). */
  /** `when`: the region is a fallback's literal branch and applies only then ("when AWS_REGION is unset"). */
  | { readonly kind: 'code'; readonly region: string; readonly source: string; readonly when?: string }
  /** Not in the code: the configured region applies (resolved by findings.ts from the context). */
  | { readonly kind: 'configured'; readonly configured?: ConfiguredRegion }
  | { readonly kind: 'unknown' };

export type WrittenConstraint =
  | { readonly kind: 'absent'; readonly hasCreateBucketConfiguration: boolean }
  /** `viaBinding`: the value came through a variable or constant rather than being written in the call. */
  | { readonly kind: 'value'; readonly value: string; readonly range: Range; readonly viaBinding?: boolean }
  | { readonly kind: 'unknown' };

export interface CreateBucketSite {
  readonly tool: S3Tool;
  /** Where the diagnostic goes: the call (or command) itself. */
  readonly range: Range;
  /** `s3.send(new CreateBucketCommand(...))`, `aws s3 mb`, ...: the finding's `resource`. */
  readonly description: string;
  readonly client: ClientRegion;
  readonly constraint: WrittenConstraint;
  /** Edits that make the client use `region` (literal replaced, or a region argument added); undefined if none. */
  readonly setClientRegion?: (region: string) => TextEdit[] | undefined;
  /** Edits that send only this call through a new client for `region`; offered when the client is shared. */
  readonly clientForThisCall?: (region: string) => TextEdit[] | undefined;
  /** True when the client object serves other calls too, so changing its region would move them as well. */
  readonly clientShared: boolean;
  /** Edits that drop the written LocationConstraint (or the whole CreateBucketConfiguration when it holds only that). */
  readonly removeConstraint?: () => TextEdit[] | undefined;
  /** Edits that add `LocationConstraint = region` (boto3, s3api, which send none of their own). */
  readonly addConstraint?: (region: string) => TextEdit[] | undefined;
}

/** A client region written in code, named by the binding it came through (`HOME` in code) if any. */
export function codeRegion(value: StringValue): ClientRegion {
  const source = value.via ? `\`${value.via}\` in code` : 'set in code';
  return value.when ? { kind: 'code', region: value.value, source, when: value.when } : { kind: 'code', region: value.value, source };
}

/** How an extractor follows a value node to the object (dict) or string it stands for. */
export interface ValueResolver {
  shape(node: SyntaxNode): KeyedShape | undefined;
  string(node: SyntaxNode): StringValue | undefined;
}

/** `CreateBucketConfiguration.LocationConstraint` as written in a call's parameters, with what its fixes edit. */
export interface ConstraintReading {
  readonly constraint: WrittenConstraint;
  /** The keys of CreateBucketConfiguration and the list element holding it, when they can be read. */
  readonly configuration?: { readonly keys: KeyedShape; readonly element: SyntaxNode };
  /** The list element holding LocationConstraint, when its value is known. */
  readonly constraintElement?: SyntaxNode;
}

const UNKNOWN_CONSTRAINT: ConstraintReading = { constraint: { kind: 'unknown' } };

export function readWrittenConstraint(params: KeyedShape | undefined, resolve: ValueResolver): ConstraintReading {
  const lookup = params?.get('CreateBucketConfiguration');
  if (!lookup || lookup.kind === 'unknown') return UNKNOWN_CONSTRAINT;
  if (lookup.kind === 'absent') return { constraint: { kind: 'absent', hasCreateBucketConfiguration: false } };
  const keys = resolve.shape(lookup.node);
  if (!keys) return UNKNOWN_CONSTRAINT;
  const configuration = { keys, element: lookup.element };
  const constraint = keys.get('LocationConstraint');
  if (constraint.kind === 'unknown') return UNKNOWN_CONSTRAINT;
  if (constraint.kind === 'absent') return { constraint: { kind: 'absent', hasCreateBucketConfiguration: true }, configuration };
  const value = resolve.string(constraint.node);
  if (!value) return UNKNOWN_CONSTRAINT;
  return {
    constraint: { kind: 'value', value: value.value, range: nodeRange(constraint.node), ...(value.via ? { viaBinding: true } : {}) },
    configuration,
    constraintElement: constraint.element,
  };
}

/**
 * Edits that drop the written LocationConstraint; or the whole CreateBucketConfiguration when it is written in
 * place (an element of type `inline.element` whose value is an `inline.literal` holding only the constraint), so
 * no empty configuration is left behind.
 */
export function removeConstraintEdits(reading: ConstraintReading, inline: { element: string; literal: string }): TextEdit[] | undefined {
  if (!reading.constraintElement) return undefined;
  const configuration = reading.configuration?.element;
  const literal = configuration?.type === inline.element ? configuration.childForFieldName('value') : undefined;
  const onlyConstraint = literal?.type === inline.literal && namedChildren(literal).length === 1;
  return [removeListElement(configuration && onlyConstraint ? configuration : reading.constraintElement)];
}
