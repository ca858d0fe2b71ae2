import type { Logger } from '../core/logger';

/** What every CLI command gets from main(): output streams, a logger to stderr, and the exit code it sets. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly logger: Logger;
  /** Commands call this; the highest code wins (2 usage/input error > 1 findings > 0 clean). */
  exit(code: 0 | 1 | 2): void;
}

/** Exit codes shared by every command. */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/**
 * The width to wrap people-facing output to: the terminal's columns, `COLUMNS` when piped (as `less` and CI logs
 * set it), else 100; kept within 60-160 so a very wide window does not give 300-column lines.
 */
export function terminalWidth(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): number {
  const columns = (stream as { columns?: number }).columns ?? Number(env.COLUMNS);
  return Number.isFinite(columns) && columns > 0 ? Math.min(160, Math.max(60, columns)) : 100;
}
