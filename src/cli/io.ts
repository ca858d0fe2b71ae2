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
