import type { CodeFinding } from '../core/code-finding';
import type { Range } from '../core/range';

/**
 * The one finding a file with syntax errors gets, at its first error, beside the findings for what parsed whole.
 * Severity `error`: `tagsight check` must not call a file clean that it could not read. The editor shows it more
 * quietly (see src/vscode/code-checks/diagnostics.ts).
 */
export function parseErrorFinding(range: Range, what: string, parts: 'blocks' | 'resources'): CodeFinding {
  return {
    rule: 'tagsight.parse-error',
    severity: 'error',
    message: `Tagsight could not read this file past line ${range.start.line + 1}: ${what}; findings cover only the ${parts} it could read.`,
    range,
  };
}
