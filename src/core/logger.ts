/**
 * The logging port. The extension backs it with a LogOutputChannel, the CLI with stderr, tests with memory.
 * Callers pass facts, never secrets: adapters redact credentials before anything reaches a Logger.
 */
export interface Logger {
  trace(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string | Error, ...details: unknown[]): void;
}

/**
 * The rejection handler of work nobody awaits (started by an event or a timer): the failure goes to the log in
 * full instead of vanishing as an unhandled rejection.
 */
export function logRejection(logger: Logger, what: string): (error: unknown) => void {
  return (error) => logger.error(`${what} failed`, error);
}

export const silentLogger: Logger = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
};
