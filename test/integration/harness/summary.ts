import * as fs from 'node:fs';
import type { SuiteSummary } from '../protocol';

/** Reads the summary the extension host wrote; a missing or unreadable one is a failure, never a pass. */
export function readSummary(summaryPath: string): { summary?: SuiteSummary; problem?: string } {
  if (!fs.existsSync(summaryPath)) return { problem: 'the extension host wrote no test summary' };
  try {
    return { summary: JSON.parse(fs.readFileSync(summaryPath, 'utf8')) as SuiteSummary };
  } catch (error) {
    return { problem: `the test summary is unreadable: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Why a suite failed, or undefined when it passed. */
export function judge(summary: SuiteSummary | undefined, exitCode: number | undefined): string | undefined {
  if (!summary) return 'no summary';
  if (summary.error) return summary.error;
  if (summary.failures > 0) return `${summary.failures} test(s) failed`;
  if (summary.passes === 0) return 'no test passed';
  if (exitCode !== 0) return `the extension host reported exit code ${exitCode}`;
  return undefined;
}
