/**
 * Every rule a code finding can carry, in one place: what it is called, how severe it is by default, where it is
 * explained and what SARIF says about it. SARIF, text and JSON output, the editor's diagnostics and their links
 * all read this table, so a new rule is one entry here plus the check that emits it (and its README section).
 */

export type FindingSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface RuleDocumentation {
  /** Repository-relative Markdown file that explains the rule; shipped inside the extension when it is README.md. */
  readonly page: string;
  /** The heading anchor in that page, as GitHub and VS Code's Markdown preview form it. */
  readonly anchor: string;
}

export interface RuleDefinition {
  /** SARIF `name`: PascalCase, no spaces. */
  readonly name: string;
  /** One line: SARIF shortDescription, and what the rule is called in lists. */
  readonly title: string;
  /** SARIF fullDescription and help text. */
  readonly description: string;
  /** What the checks emit unless they know better (a region call that fails is an error, one that works is not). */
  readonly defaultSeverity: FindingSeverity;
  /** Whether `tagsight.diagnostics.severity` decides its severity in the editor. */
  readonly tagSeveritySetting: boolean;
  /**
   * The editor's severity where it differs from the CLI's. A parse error is Information there: the language's own
   * extension (Terraform, YAML, JSON) already marks the syntax error in red as the user types.
   */
  readonly editorSeverity?: FindingSeverity;
  readonly documentation: RuleDocumentation;
  /** SARIF `properties.tags` (GitHub code scanning filters on them). */
  readonly tags: readonly string[];
}

const README = 'README.md';

export const RULE_CATALOG = {
  'tagsight.missing-tags': {
    name: 'MissingRequiredTags',
    title: 'Resource is missing required tags',
    description:
      "A taggable resource does not carry every tag key that the tag policy (policy file, tagsight.requiredTags, or the account's REQUIRED_TAGS Config rules) requires for its type.",
    defaultSeverity: 'warning',
    tagSeveritySetting: true,
    documentation: { page: README, anchor: 'tagsightmissing-tags' },
    tags: ['tagging', 'compliance'],
  },
  'tagsight.disallowed-tag-value': {
    name: 'DisallowedTagValue',
    title: 'Tag value is not allowed',
    description: 'A tag carries a value outside the allowed values of the tag policy.',
    defaultSeverity: 'warning',
    tagSeveritySetting: true,
    documentation: { page: README, anchor: 'tagsightdisallowed-tag-value' },
    tags: ['tagging', 'compliance'],
  },
  'tagsight.region-mismatch': {
    name: 'RegionMismatch',
    title: 'Client region differs from the intended region',
    description:
      'An AWS SDK or CLI call is sent to a different region than the resource it creates, so AWS Config in the intended region does not see it.',
    defaultSeverity: 'warning',
    tagSeveritySetting: false,
    documentation: { page: README, anchor: 'region-mismatch' },
    tags: ['region', 'aws-config'],
  },
  'tagsight.invalid-location-constraint': {
    name: 'InvalidLocationConstraint',
    title: 'Explicit us-east-1 LocationConstraint',
    description:
      'A CreateBucket call sets LocationConstraint to us-east-1, which AWS rejects with InvalidLocationConstraint on every endpoint: us-east-1 buckets are created without a LocationConstraint.',
    defaultSeverity: 'error',
    tagSeveritySetting: false,
    documentation: { page: README, anchor: 'region-mismatch' },
    tags: ['region', 'correctness'],
  },
  'tagsight.policy-error': {
    name: 'PolicyError',
    title: 'Tag policy file error',
    description: 'The tag policy file cannot be read as an AWS Organizations tag policy.',
    defaultSeverity: 'error',
    tagSeveritySetting: false,
    documentation: { page: README, anchor: 'tagsightpolicy-error' },
    tags: ['configuration'],
  },
  'tagsight.parse-error': {
    name: 'ParseError',
    title: 'File could not be parsed',
    description: 'The file could not be parsed; findings cover only the parts that are whole.',
    defaultSeverity: 'error',
    tagSeveritySetting: false,
    editorSeverity: 'information',
    documentation: { page: README, anchor: 'tagsightparse-error' },
    tags: ['syntax'],
  },
} as const satisfies Readonly<Record<string, RuleDefinition>>;

export type CodeRuleId = keyof typeof RULE_CATALOG;

export const RULE_IDS = Object.keys(RULE_CATALOG) as readonly CodeRuleId[];

export function isCodeRuleId(id: string): id is CodeRuleId {
  return Object.prototype.hasOwnProperty.call(RULE_CATALOG, id);
}

export function ruleDefinition(id: CodeRuleId): RuleDefinition {
  return RULE_CATALOG[id];
}

/**
 * The severity a finding is shown with in the editor: the tag-severity setting for the rules it governs, the
 * rule's editor severity where it has one, else what the check said.
 */
export function editorSeverity(rule: CodeRuleId, found: FindingSeverity, tagSeverity: FindingSeverity): FindingSeverity {
  const definition = ruleDefinition(rule);
  if (definition.tagSeveritySetting) return tagSeverity;
  return definition.editorSeverity ?? found;
}
