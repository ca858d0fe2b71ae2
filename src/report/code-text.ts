import { type LocatedFinding, sortFindings } from './code-report';

/** `file:line:column  severity  message  [rule]`: the shape compilers use, so terminals and editors link it. */
export function formatCodeText(findings: readonly LocatedFinding[]): string {
  const lines = sortFindings(findings).map(({ file, finding }) =>
    `${file}:${finding.range.start.line + 1}:${finding.range.start.character + 1}: ${finding.severity}: ${finding.message} [${finding.rule}]`);
  const count = findings.length;
  lines.push(count === 0 ? 'No findings.' : `${count} finding${count === 1 ? '' : 's'}.`);
  return lines.join('\n') + '\n';
}
