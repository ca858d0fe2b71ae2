import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeFinding } from '../core/code-finding';
import { type CodeRuleId, type FindingSeverity, ruleDefinition } from '../core/rule-catalog';
import { type LocatedFinding, PROJECT_HOMEPAGE, ruleHelpUri, sortFindings } from './code-report';

/**
 * SARIF 2.1.0 for GitHub code scanning (upload with github/codeql-action/upload-sarif): rule metadata with
 * help links, 1-based UTF-16 regions, files under the working directory relative to %SRCROOT% and files outside
 * it as absolute file:// URIs (GitHub reads a relative path as relative to the repository root and turns an
 * absolute one under the checkout into a relative one; `../x` it cannot place), and partialFingerprints that
 * tell every result apart and survive unrelated edits (see `fingerprints`). Rule metadata comes from the rule
 * catalog (core/rule-catalog.ts).
 */
function level(severity: FindingSeverity): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export interface SarifOptions {
  readonly version: string;
  /** The working directory the findings' relative paths start from; %SRCROOT%. */
  readonly srcRoot: string;
  /** The text of a finding's file (its path as in LocatedFinding), for content fingerprints; undefined when unreadable. */
  readonly sourceText?: (file: string) => string | undefined;
}

function artifactLocation(file: string, srcRoot: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(srcRoot, file);
  const relative = path.relative(srcRoot, absolute);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return { uri: pathToFileURL(absolute).href };
  }
  return { uri: toUri(relative), uriBaseId: '%SRCROOT%' };
}

function hash(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** The tag rules judge a named resource, so the resource (with its keys) is the finding, wherever it sits. */
function resourceIdentity(file: string, finding: CodeFinding): string[] | undefined {
  if (finding.resource === undefined) return undefined;
  if (finding.rule === 'tagsight.missing-tags') return [finding.rule, file, finding.resource, (finding.missing ?? []).join(','), ''];
  if (finding.rule === 'tagsight.disallowed-tag-value')
    return [finding.rule, file, finding.resource, '', '', String(finding.properties?.key ?? '')];
  return undefined;
}

/** The lines a finding covers, whitespace dropped as GitHub's own line hash does; the message when the text is not at hand. */
function contentIdentity(file: string, finding: CodeFinding, lines: readonly string[] | undefined): string[] {
  const covered = lines
    ?.slice(finding.range.start.line, finding.range.end.line + 1)
    .join('\n')
    .replace(/\s+/g, '');
  return [finding.rule, file, covered ? `text:${covered}` : `message:${finding.message}`];
}

/**
 * One fingerprint per result. Tag findings: rule + file + resource + keys, so moving a resource keeps its alert.
 * Other findings (region calls, parse and policy errors) have no name of their own (every call on one client reads
 * the same): the text of their lines, and, for identical text, the occurrence index in the file, as GitHub's
 * primaryLocationLineHash does. Edits elsewhere in the file change neither.
 */
export function fingerprints(sorted: readonly LocatedFinding[], options: Pick<SarifOptions, 'sourceText'>): string[] {
  const lines = new Map<string, readonly string[] | undefined>();
  const linesOf = (file: string) => {
    if (!lines.has(file)) lines.set(file, options.sourceText?.(file)?.split(/\r\n|\r|\n/));
    return lines.get(file);
  };
  const seen = new Map<string, number>();
  return sorted.map(({ file, finding }) => {
    const identity = resourceIdentity(file, finding) ?? contentIdentity(file, finding, linesOf(file));
    const key = identity.join('\u0000');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    // The first occurrence hashes the identity alone, so a lone finding's fingerprint does not depend on the count.
    return hash(occurrence === 0 ? identity : [...identity, `#${occurrence}`]);
  });
}

export function formatCodeSarif(findings: readonly LocatedFinding[], options: SarifOptions): string {
  const sorted = sortFindings(findings);
  const fingerprintOf = fingerprints(sorted, options);
  const ruleIds: CodeRuleId[] = [...new Set(sorted.map(({ finding }) => finding.rule))].sort();
  const rules = ruleIds.map((id) => {
    const rule = ruleDefinition(id);
    return {
      id,
      name: rule.name,
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.description },
      helpUri: ruleHelpUri(id),
      help: { text: `${rule.description} See ${ruleHelpUri(id)}` },
      defaultConfiguration: { level: level(rule.defaultSeverity) },
      properties: { tags: [...rule.tags] },
    };
  });
  const results = sorted.map(({ file, finding }, index) => {
    const properties = {
      ...(finding.resource !== undefined ? { resource: finding.resource } : {}),
      ...(finding.missing ? { missing: [...finding.missing] } : {}),
      ...(finding.source ? { source: finding.source.name, sourceKind: finding.source.kind } : {}),
      ...(finding.details?.length ? { details: [...finding.details] } : {}),
      ...Object.fromEntries(Object.entries(finding.properties ?? {}).filter(([, value]) => value !== undefined)),
    };
    return {
      ruleId: finding.rule,
      ruleIndex: ruleIds.indexOf(finding.rule),
      level: level(finding.severity),
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(file, options.srcRoot),
            region: {
              startLine: finding.range.start.line + 1,
              startColumn: finding.range.start.character + 1,
              endLine: finding.range.end.line + 1,
              endColumn: finding.range.end.character + 1,
            },
          },
        },
      ],
      partialFingerprints: { 'tagsightFinding/v1': fingerprintOf[index]! },
      ...(Object.keys(properties).length ? { properties } : {}),
    };
  });
  const root = pathToFileURL(path.resolve(options.srcRoot)).href;
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Tagsight', version: options.version, informationUri: PROJECT_HOMEPAGE, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: root.endsWith('/') ? root : `${root}/` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
