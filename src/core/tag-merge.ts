import { throwIfAborted } from './errors';
import type { TagSet } from './tag-policy';
import { InvalidTagsError, MAX_USER_TAGS, TooManyTagsError, isSystemTagKey, tagProblems, userTagCount } from './tag-limits';

/**
 * Live tag writes. S3's PutBucketTagging replaces the whole tag set, so a fix must read, merge and write back
 * every existing tag, `aws:` system tags included (S3 refuses to drop them: "System Tags cannot be removed by
 * requester"). Everything here is checked before any call: a refused merge never reaches AWS.
 */
export interface TagMergePlan {
  readonly before: TagSet;
  readonly after: TagSet;
  /** Keys new in `after`. */
  readonly added: readonly string[];
  /** Keys present before whose value changes (a disallowed value replaced). */
  readonly changed: readonly string[];
  /** Nothing to write: `after` equals `before`. */
  readonly unchanged: boolean;
}

export function tagSetsEqual(a: TagSet, b: TagSet): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && b[key] === a[key]);
}

/**
 * Merges additions into an existing set. Throws InvalidTagsError for an `aws:` key or an invalid key/value,
 * TooManyTagsError past 50 user tags; both before anything is written.
 */
export function planTagMerge(existing: TagSet, additions: TagSet): TagMergePlan {
  const problems = Object.entries(additions).flatMap(([key, value]) => tagProblems(key, value));
  if (problems.length > 0) throw new InvalidTagsError(problems);
  const after: Record<string, string> = { ...existing };
  const added: string[] = [];
  const changed: string[] = [];
  for (const [key, value] of Object.entries(additions)) {
    if (!Object.hasOwn(existing, key)) added.push(key);
    else if (existing[key] !== value) changed.push(key);
    after[key] = value;
  }
  const count = userTagCount(after);
  if (count > MAX_USER_TAGS) throw new TooManyTagsError(count);
  return { before: { ...existing }, after, added, changed, unchanged: added.length === 0 && changed.length === 0 };
}

/** What an additive API (TagResources, S3 Control TagResource) sends: only the added and changed keys. */
export function changedTags(plan: TagMergePlan): TagSet {
  return Object.fromEntries([...plan.added, ...plan.changed].map((key) => [key, plan.after[key]!]));
}

/** Sorted for display: user tags by key, then system tags. */
export function sortedTagEntries(tags: TagSet): Array<[string, string]> {
  return Object.entries(tags).sort(([a], [b]) => {
    const systemOrder = Number(isSystemTagKey(a)) - Number(isSystemTagKey(b));
    return systemOrder !== 0 ? systemOrder : a.localeCompare(b);
  });
}

/** Where a resource's tags are read and written; the AWS adapters implement it per resource kind. */
export interface TagStore {
  /** A human description for messages: "bucket rnd-transcribe-test in ap-northeast-2". */
  readonly description: string;
  read(signal?: AbortSignal): Promise<TagSet>;
  /** Writes the plan. A replacing API (PutBucketTagging) sends `plan.after`; an additive one only the changes. */
  write(plan: TagMergePlan, signal?: AbortSignal): Promise<void>;
}

export type TagWriteOutcome =
  | { readonly kind: 'unchanged'; readonly tags: TagSet }
  | { readonly kind: 'written'; readonly plan: TagMergePlan; readonly verified: TagSet }
  /** The tags changed since the user saw the preview: nothing was written. */
  | { readonly kind: 'changed-since-preview'; readonly preview: TagSet; readonly current: TagSet }
  /** Written, but the read-back differs from what was written (someone else wrote at the same moment). */
  | { readonly kind: 'verification-failed'; readonly plan: TagMergePlan; readonly actual: TagSet };

/**
 * The safe write: validate, re-read, stop if the tags moved since the preview, write the merge, read back and
 * verify. Faults propagate as thrown errors; because every write sends a superset of what was read, a failed
 * or half-known write leaves the resource with either its old tags or the merged ones, never fewer.
 */
export async function applyTagMerge(store: TagStore, preview: TagSet, additions: TagSet, signal?: AbortSignal): Promise<TagWriteOutcome> {
  planTagMerge(preview, additions);
  throwIfAborted(signal);
  const current = await store.read(signal);
  if (!tagSetsEqual(current, preview)) return { kind: 'changed-since-preview', preview, current };
  const plan = planTagMerge(current, additions);
  if (plan.unchanged) return { kind: 'unchanged', tags: current };
  throwIfAborted(signal);
  await store.write(plan, signal);
  const verified = await store.read(signal);
  const matches = Object.entries(plan.after).every(([key, value]) => verified[key] === value);
  return matches ? { kind: 'written', plan, verified } : { kind: 'verification-failed', plan, actual: verified };
}
