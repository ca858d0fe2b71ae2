import type { ManagedEvidence } from '../../core/managed-resource';
import { sortedTagEntries, type TagMergePlan } from '../../core/tag-merge';
import type { TagSet } from '../../core/tag-policy';

/**
 * Every question "Add missing tags…" asks, behind one interface: the real one
 * (src/vscode/tagging/vscode-prompter.ts) is vscode.window; integration tests substitute answers through the
 * test-mode seam (src/vscode/test-seams.ts), so the command path itself stays real. No vscode import here: the
 * flow is unit-tested in plain Node.
 */
export interface ValueQuestion {
  readonly key: string;
  /** "bucket rnd-transcribe-test in ap-northeast-2". */
  readonly resource: string;
  /** Non-empty: only these values are allowed (a trailing `*` is a prefix). */
  readonly allowedValues: readonly string[];
  /** Why the key is required: the rule or policy names. */
  readonly requiredBy: string;
  readonly currentValue?: string;
  validate(value: string): string | undefined;
}

export interface WritePreview {
  readonly resource: string;
  readonly plan: TagMergePlan;
  /** PutBucketTagging through ap-northeast-2, TagResources, ... */
  readonly how: string;
}

export type ManagedChoice = 'open-definition' | 'write-anyway' | undefined;

export interface Prompter {
  /** A value for one key; undefined when the user cancels. */
  askValue(question: ValueQuestion): Promise<string | undefined>;
  /** The live write looks undone by the next deploy: open the definition, write anyway, or cancel. */
  chooseWhenManaged(resource: string, evidence: readonly ManagedEvidence[]): Promise<ManagedChoice>;
  /** MODAL: the exact tag set before and after; true only on an explicit "Write Tags". */
  confirmWrite(preview: WritePreview): Promise<boolean>;
  /** The tags moved since the preview; nothing was written. */
  showChangedSincePreview(resource: string, preview: TagSet, current: TagSet): Promise<void>;
  offerReevaluation(ruleNames: readonly string[], region: string, explanation: string): Promise<boolean>;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function formatTagSet(tags: TagSet): string {
  const entries = sortedTagEntries(tags);
  return entries.length === 0 ? '(no tags)' : entries.map(([key, value]) => `${key} = ${value}`).join('\n');
}

export function describePlan(plan: TagMergePlan): string {
  const marks = new Set([...plan.added, ...plan.changed]);
  const after = sortedTagEntries(plan.after).map(([key, value]) => `${marks.has(key) ? '+ ' : '  '}${key} = ${value}`);
  return `Before:\n${formatTagSet(plan.before)}\n\nAfter (+ new or changed):\n${after.join('\n')}`;
}
