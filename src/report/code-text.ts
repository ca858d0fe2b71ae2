import { type LocatedFinding, sortFindings } from './code-report';

/**
 * `file:line:column  severity  message  [rule]`: the shape compilers use, so terminals and editors link it. The
 * finding's explanation follows on indented `note:` lines, as compilers print theirs.
 */
export function formatCodeText(findings: readonly LocatedFinding[]): string {
  const lines = sortFindings(findings).flatMap(({ file, finding }) => [
    `${file}:${finding.range.start.line + 1}:${finding.range.start.character + 1}: ${finding.severity}: ${finding.message} [${finding.rule}]`,
    ...(finding.details ?? []).map((detail) => `  note: ${detail}`),
  ]);
  const count = findings.length;
  lines.push(count === 0 ? 'No findings.' : `${count} finding${count === 1 ? '' : 's'}.`);
  return lines.join('\n') + '\n';
}
