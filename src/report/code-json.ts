import { type LocatedFinding, ruleHelpUri, sortFindings } from './code-report';

/** One object per finding; positions 1-based (end column exclusive, as the editor shows it). */
export interface CodeFindingJson {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  /** Where the rule is explained (from the rule catalog). */
  helpUri: string;
  severity: string;
  message: string;
  /** The explanation behind the message (the editor's related information). */
  details?: string[];
  resource?: string;
  missing?: string[];
  source?: string;
  properties?: Record<string, string | number | boolean>;
}

export function toCodeFindingJson({ file, finding }: LocatedFinding): CodeFindingJson {
  const properties = Object.fromEntries(Object.entries(finding.properties ?? {}).filter(([, value]) => value !== undefined)) as Record<
    string,
    string | number | boolean
  >;
  return {
    file,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
    rule: finding.rule,
    helpUri: ruleHelpUri(finding.rule),
    severity: finding.severity,
    message: finding.message,
    ...(finding.details?.length ? { details: [...finding.details] } : {}),
    ...(finding.resource !== undefined ? { resource: finding.resource } : {}),
    ...(finding.missing ? { missing: [...finding.missing] } : {}),
    ...(finding.source ? { source: finding.source.name } : {}),
    ...(Object.keys(properties).length ? { properties } : {}),
  };
}

export function formatCodeJson(findings: readonly LocatedFinding[]): string {
  return JSON.stringify(sortFindings(findings).map(toCodeFindingJson), null, 2) + '\n';
}
