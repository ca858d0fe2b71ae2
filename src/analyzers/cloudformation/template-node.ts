import type { Range } from '../../core/range';
import type { LineIndex } from '../line-index';

/**
 * One shape for CloudFormation values whatever the syntax (YAML with short-form intrinsics, or JSON), with
 * source ranges and enough layout facts (flow style, offsets) for quick fixes to insert text in the file's style.
 */
export type CfnNode = CfnScalar | CfnMap | CfnSeq | CfnIntrinsic;

interface Located {
  readonly range: Range;
  readonly startOffset: number;
  readonly endOffset: number;
}

export interface CfnScalar extends Located {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
}

export interface CfnEntry {
  readonly key: string;
  readonly keyRange: Range;
  readonly keyStartOffset: number;
  readonly value: CfnNode | undefined;
}

export interface CfnMap extends Located {
  readonly kind: 'map';
  readonly entries: readonly CfnEntry[];
  /** `{ a: b }` in YAML, always true in JSON. */
  readonly flow: boolean;
}

export interface CfnSeq extends Located {
  readonly kind: 'seq';
  readonly items: readonly CfnNode[];
  readonly flow: boolean;
}

/** `!Ref X`, `{ "Fn::If": [...] }`: a value known only at deploy time (or a branch choice). */
export interface CfnIntrinsic extends Located {
  readonly kind: 'intrinsic';
  /** Long-form name: `Ref`, `Fn::If`, `Fn::Sub`, `Condition`, ... */
  readonly name: string;
  readonly argument: CfnNode | undefined;
}

export function entry(map: CfnNode | undefined, key: string): CfnEntry | undefined {
  return map?.kind === 'map' ? map.entries.find((candidate) => candidate.key === key) : undefined;
}

export function scalarString(node: CfnNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** Long-form intrinsic name for a single-key map (`Ref`, `Fn::...`) or undefined. */
export function intrinsicName(key: string): string | undefined {
  // `Fn::ForEach::Name` is a loop among a map's entries (for-each.ts), not a value, even when it is the only entry.
  return key === 'Ref' || key === 'Condition' || (key.startsWith('Fn::') && !key.startsWith('Fn::ForEach::')) ? key : undefined;
}

export function isNoValue(node: CfnNode | undefined): boolean {
  return node?.kind === 'intrinsic' && node.name === 'Ref' && scalarString(node.argument) === 'AWS::NoValue';
}

/**
 * Node classes behind CfnNode: positions are kept as offsets and turned into line/character only when read (a
 * finding or a quick fix needs them), since a large template converts thousands of nodes that are never shown.
 */
abstract class LocatedNode implements Located {
  private cachedRange: Range | undefined;

  constructor(
    private readonly lines: LineIndex,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {}

  get range(): Range {
    return (this.cachedRange ??= this.lines.range(this.startOffset, this.endOffset));
  }
}

export class ScalarNode extends LocatedNode implements CfnScalar {
  readonly kind = 'scalar';

  constructor(
    lines: LineIndex,
    start: number,
    end: number,
    readonly value: CfnScalar['value'],
  ) {
    super(lines, start, end);
  }
}

export class MapNode extends LocatedNode implements CfnMap {
  readonly kind = 'map';

  constructor(
    lines: LineIndex,
    start: number,
    end: number,
    readonly entries: readonly CfnEntry[],
    readonly flow: boolean,
  ) {
    super(lines, start, end);
  }
}

export class SeqNode extends LocatedNode implements CfnSeq {
  readonly kind = 'seq';

  constructor(
    lines: LineIndex,
    start: number,
    end: number,
    readonly items: readonly CfnNode[],
    readonly flow: boolean,
  ) {
    super(lines, start, end);
  }
}

export class IntrinsicNode extends LocatedNode implements CfnIntrinsic {
  readonly kind = 'intrinsic';

  constructor(
    lines: LineIndex,
    start: number,
    end: number,
    readonly name: string,
    readonly argument: CfnNode | undefined,
  ) {
    super(lines, start, end);
  }
}

/** A map entry whose value is converted when first read, and whose key position is computed when first read. */
export class LazyEntry implements CfnEntry {
  private cachedKeyRange: Range | undefined;
  private converted = false;
  private cachedValue: CfnNode | undefined;

  constructor(
    readonly key: string,
    private readonly lines: LineIndex,
    readonly keyStartOffset: number,
    private readonly keyEndOffset: number,
    private readonly convert: () => CfnNode | undefined,
  ) {}

  get keyRange(): Range {
    return (this.cachedKeyRange ??= this.lines.range(this.keyStartOffset, this.keyEndOffset));
  }

  get value(): CfnNode | undefined {
    if (!this.converted) {
      this.cachedValue = this.convert();
      this.converted = true;
    }
    return this.cachedValue;
  }
}
