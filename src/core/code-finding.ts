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
  readonly message: string;
  readonly range: Range;
  /** Terraform `type.name`, CloudFormation logical id, or a call description for code. */
  readonly resource?: string;
  readonly missing?: readonly string[];
  readonly source?: RequirementSource;
  /** Rule-specific facts for JSON output (clientRegion, locationConstraint, regionSource, outcome, ...). */
  readonly properties?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly fixes?: readonly CodeFix[];
}
