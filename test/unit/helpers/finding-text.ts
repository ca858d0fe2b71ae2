import type { CodeFinding } from '../../../src/core/code-finding';

/** A finding's message with its explanation (the details the editor shows as related information), for assertions on either. */
export function explained(finding: Pick<CodeFinding, 'message' | 'details'>): string {
  return [finding.message, ...(finding.details ?? [])].join(' ');
}
