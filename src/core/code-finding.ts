import type { Range, TextEdit } from './range';
import type { RequirementSource } from './tag-policy';
import type { CodeRuleId, FindingSeverity } from './rule-catalog';

export type { CodeRuleId, FindingSeverity } from './rule-catalog';

/**
 * A finding located in a source file: what the IaC and code analyzers produce, what the editor shows as a
 * diagnostic and the CLI prints as text, JSON or SARIF. Ranges are 0-based (see range.ts). Its rule is an entry of
 * the rule catalog (rule-catalog.ts).
 */
export interface CodeFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Edits use snippet syntax (`${1:value}`, `${1|a,b|}`) for the editor; the CLI strips placeholders. */
  readonly isSnippet?: boolean;
  readonly isPreferred?: boolean;
  /** Part of "fix all in this file" (source.fixAll.tagsight). */
  readonly fixAll?: boolean;
}

export interface CodeFinding {
  readonly rule: CodeRuleId;
  readonly severity: FindingSeverity;
  /** One sentence of at most 160 characters: the fact and the fix (see MAX_MESSAGE_LENGTH). */
  readonly message: string;
  /**
   * The explanation behind the message, one sentence each: AWS behaviour, evidence, what is unconfirmed. The editor
   * shows them as the diagnostic's related information (in the hover), JSON and SARIF carry them.
   */
  readonly details?: readonly string[];
  readonly range: Range;
  /** Terraform `type.name`, CloudFormation logical id, or a call description for code. */
  readonly resource?: string;
  readonly missing?: readonly string[];
  readonly source?: RequirementSource;
  /** Rule-specific facts for JSON output (clientRegion, locationConstraint, regionSource, outcome, ...). */
  readonly properties?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly fixes?: readonly CodeFix[];
}

/** The longest diagnostic message: one sentence that fits the Problems panel and a terminal line. */
export const MAX_MESSAGE_LENGTH = 160;

/** A value quoted inside a message, cut with an ellipsis so that a long tag value or name cannot swell it. */
export function clipForMessage(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
