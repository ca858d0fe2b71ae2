import type { CodeFinding } from '../core/code-finding';
import type { Range } from '../core/range';
import { RULE_CATALOG } from '../core/rule-catalog';

/**
 * The one finding a file with syntax errors gets, at its first error, beside the findings for what parsed whole.
 * Severity `error`: `tagsight check` must not call a file clean that it could not read. The editor shows it more
 * quietly (see src/vscode/code-checks/diagnostics.ts).
 */
export function parseErrorFinding(range: Range, what: string, parts: 'blocks' | 'resources'): CodeFinding {
  return {
    rule: 'tagsight.parse-error',
    severity: RULE_CATALOG['tagsight.parse-error'].defaultSeverity,
    message: `Tagsight could not read this file past line ${range.start.line + 1}: ${what}; findings cover only the ${parts} it could read.`,
    range,
  };
}

/**
 * The finding of a file whose bytes are no text Tagsight can decode (see core/text-decoding.ts), when it looks like
 * a file an analyzer checks: reported rather than skipped, so that no file passes unread.
 */
export function undecodableFileFinding(reason: string): CodeFinding {
  const start = { line: 0, character: 0 };
  return {
    rule: 'tagsight.parse-error',
    severity: RULE_CATALOG['tagsight.parse-error'].defaultSeverity,
    message: `Tagsight could not read this file: ${reason}; save it as UTF-8 to have it checked.`,
    range: { start, end: start },
  };
}
