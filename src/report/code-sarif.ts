import { createHash } from 'node:crypto';
import type { CodeRuleId, FindingSeverity } from '../core/code-finding';
import { type LocatedFinding, PROJECT_HOMEPAGE, ruleHelpUri, sortFindings } from './code-report';

/**
 * SARIF 2.1.0 for GitHub code scanning (upload with github/codeql-action/upload-sarif): rule metadata with
 * help links, 1-based UTF-16 regions relative to %SRCROOT%, and partialFingerprints that survive line moves
 * (rule + file + resource + keys), so an alert stays the same alert when code above it changes.
 */
const RULES: Record<CodeRuleId, { name: string; short: string; full: string }> = {
  'tagsight.missing-tags': { name: 'MissingRequiredTags', short: 'Resource is missing required tags', full: 'A taggable resource does not carry every tag key that the tag policy (policy file, tagsight.requiredTags, or the account\'s REQUIRED_TAGS Config rules) requires for its type.' },
  'tagsight.disallowed-tag-value': { name: 'DisallowedTagValue', short: 'Tag value is not allowed', full: 'A tag carries a value outside the allowed values of the tag policy.' },
  'tagsight.region-mismatch': { name: 'RegionMismatch', short: 'Client region differs from the intended region', full: 'An AWS SDK or CLI call is sent to a different region than the resource it creates, so AWS Config in the intended region does not see it.' },
  'tagsight.invalid-location-constraint': { name: 'InvalidLocationConstraint', short: 'Invalid S3 LocationConstraint', full: 'A CreateBucket call has a LocationConstraint that does not match the client region.' },
  'tagsight.policy-error': { name: 'PolicyError', short: 'Tag policy file error', full: 'The tag policy file cannot be read as an AWS Organizations tag policy.' },
  'tagsight.parse-error': { name: 'ParseError', short: 'File could not be parsed', full: 'The file could not be parsed; findings cover only the parts that are whole.' },
};

function level(severity: FindingSeverity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export function formatCodeSarif(findings: readonly LocatedFinding[], options: { version: string; srcRoot: string }): string {
  const sorted = sortFindings(findings);
  const ruleIds = [...new Set(sorted.map(({ finding }) => finding.rule))].sort();
  const rules = ruleIds.map((id) => {
    const meta = RULES[id as CodeRuleId] ?? { name: id, short: id, full: id };
    return {
      id,
      name: meta.name,
      shortDescription: { text: meta.short },
      fullDescription: { text: meta.full },
      helpUri: ruleHelpUri(id),
      help: { text: `${meta.full} See ${ruleHelpUri(id)}` },
      defaultConfiguration: { level: 'warning' },
    };
  });
  const results = sorted.map(({ file, finding }) => {
    const fingerprint = createHash('sha256')
      .update([finding.rule, file, finding.resource ?? '', (finding.missing ?? []).join(','), finding.resource ? '' : finding.message].join('\u0000'))
      .digest('hex')
      .slice(0, 32);
    const properties = {
      ...(finding.resource !== undefined ? { resource: finding.resource } : {}),
      ...(finding.missing ? { missing: [...finding.missing] } : {}),
      ...(finding.source ? { source: finding.source.name, sourceKind: finding.source.kind } : {}),
      ...Object.fromEntries(Object.entries(finding.properties ?? {}).filter(([, value]) => value !== undefined)),
    };
    return {
      ruleId: finding.rule,
      ruleIndex: ruleIds.indexOf(finding.rule),
      level: level(finding.severity),
      message: { text: finding.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: toUri(file), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: finding.range.start.line + 1,
            startColumn: finding.range.start.character + 1,
            endLine: finding.range.end.line + 1,
            endColumn: finding.range.end.character + 1,
          },
        },
      }],
      partialFingerprints: { 'tagsightFinding/v1': fingerprint },
      ...(Object.keys(properties).length ? { properties } : {}),
    };
  });
  const root = options.srcRoot.replace(/\\/g, '/');
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'Tagsight', version: options.version, informationUri: PROJECT_HOMEPAGE, rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: `file://${root.startsWith('/') ? '' : '/'}${toUri(root)}${root.endsWith('/') ? '' : '/'}` } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
