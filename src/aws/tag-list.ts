import type { TagSet } from '../core/tag-policy';

/**
 * AWS APIs carry tags as `[{Key, Value}]` lists; Tagsight as a key-to-value map. An entry without a key is no
 * tag and is dropped; a missing value is the empty value.
 */
export function toTagSet(list: ReadonlyArray<{ Key?: string; Value?: string }> | undefined): TagSet {
  const tags: Record<string, string> = {};
  for (const tag of list ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
  return tags;
}

export function toTagList(tags: TagSet): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
