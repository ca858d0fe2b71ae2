import { type CodeFinding, clipForMessage } from '../core/code-finding';
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
    message: `Tagsight could not read this file past line ${range.start.line + 1}: ${clipForMessage(firstSentence(what), 70)}; fix it to have the rest checked.`,
    details: [`The parser said: ${what.replace(/\.$/, '')}.`, `Findings cover only the ${parts} Tagsight could read.`],
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
    message: `Tagsight could not read this file: ${clipForMessage(firstSentence(reason), 80)}; save it as UTF-8 to have it checked.`,
    details: [`${reason.charAt(0).toUpperCase()}${reason.slice(1).replace(/\.$/, '')}.`],
    range: { start, end: start },
  };
}

/** A parser's text can run to several sentences; the message keeps the first, without its full stop. */
function firstSentence(text: string): string {
  return text.split(/(?<=[.!?])\s/)[0]!.replace(/[.!?]$/, '');
}
