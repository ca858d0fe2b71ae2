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

export const silentLogger: Logger = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
};

export interface LogRecord {
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  message: string;
  details: unknown[];
}

/** Keeps records in memory; for tests and for the CLI's --verbose replay. */
export class MemoryLogger implements Logger {
  readonly records: LogRecord[] = [];
  trace(message: string, ...details: unknown[]) { this.records.push({ level: 'trace', message, details }); }
  debug(message: string, ...details: unknown[]) { this.records.push({ level: 'debug', message, details }); }
  info(message: string, ...details: unknown[]) { this.records.push({ level: 'info', message, details }); }
  warn(message: string, ...details: unknown[]) { this.records.push({ level: 'warn', message, details }); }
  error(message: string | Error, ...details: unknown[]) {
    this.records.push({ level: 'error', message: message instanceof Error ? message.message : message, details });
  }
}
