import type { CodeFix } from '../../core/code-finding';
import type { Range } from '../../core/range';
import type { RequiredTag } from '../../core/tag-policy';

/**
 * What the TypeScript and Python readers of a Pulumi program find, in language-neutral terms; analyzer.ts judges it.
 * Unknown is a first-class answer everywhere: a spread, a call, a variable or an option Tagsight cannot follow makes
 * the part it touches unknown, and an unknown part is never reported.
 */

/** A literal map of tags (`tags: {...}`, `tags={...}`), key by key. */
export interface TagMapReading {
  readonly kind: 'map';
  readonly entries: ReadonlyMap<string, { readonly value?: string; readonly valueRange?: Range }>;
  /** False when a spread or a computed key may add keys Tagsight cannot see. */
  readonly complete: boolean;
}

export type TagsReading = TagMapReading | { readonly kind: 'absent' } | { readonly kind: 'unknown' };

export type ProviderReading =
  /** No `provider` option: the stack's default provider (its `aws:defaultTags` config). */
  | { readonly kind: 'default' }
  /** `{ provider: p }` with `p = new aws.Provider(...)` in this file: its `defaultTags.tags`. */
  | { readonly kind: 'explicit'; readonly name: string; readonly defaultTags: TagsReading }
  /** A provider, a `providers` map or a `parent` (which can pass its providers down) that cannot be followed. */
  | { readonly kind: 'unknown' };

export interface PulumiResource {
  /** `s3.Bucket`: the module and class within the AWS package. */
  readonly token: string;
  /** `aws.s3.Bucket "logs"`: what the finding names. */
  readonly description: string;
  readonly tags: TagsReading;
  readonly provider: ProviderReading;
  /** The `tags` property when written, else the constructor: where a missing-tags finding points. */
  readonly range: Range;
  /** Quick fixes that add the missing keys (to the tags map, or as a new tags property); empty when none applies. */
  readonly fixes: (missing: readonly RequiredTag[]) => CodeFix[];
}
