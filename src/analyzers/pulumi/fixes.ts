import type { CodeFix } from '../../core/code-finding';
import type { TextEdit } from '../../core/range';
import type { RequiredTag } from '../../core/tag-policy';
import { escapeSnippet, quoteKeys, valueSnippet } from '../tag-findings';

/**
 * The tag pairs a quick fix inserts: each missing key with an empty value to fill in (a choice of the allowed values
 * when the policy lists them, with none chosen), never a value Tagsight made up. Snippet syntax; the CLI strips it.
 */
export function tagPairs(missing: readonly RequiredTag[], pair: (key: string, valueSnippet: string) => string): string {
  return missing
    .map((requirement, index) => {
      const value = requirement.allowedValues?.some((allowed) => !allowed.includes('*'))
        ? valueSnippet(requirement, index + 1)
        : `\${${index + 1}}`;
      return pair(escapeSnippet(requirement.key), value);
    })
    .join(', ');
}

export function addTagsFix(missing: readonly RequiredTag[], edits: readonly TextEdit[] | undefined): CodeFix[] {
  if (!edits || edits.length === 0) return [];
  const title = `Add missing tag${missing.length > 1 ? 's' : ''} ${quoteKeys(missing.map((requirement) => requirement.key))}`;
  return [{ title, edits, isSnippet: true, isPreferred: true, fixAll: true }];
}
