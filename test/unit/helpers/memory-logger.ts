import type { Logger } from '../../../src/core/logger';

export interface LogRecord {
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  message: string;
  details: unknown[];
}

/** Keeps log records in memory, for tests that assert what was logged. */
export class MemoryLogger implements Logger {
  readonly records: LogRecord[] = [];
  trace(message: string, ...details: unknown[]) {
    this.records.push({ level: 'trace', message, details });
  }
  debug(message: string, ...details: unknown[]) {
    this.records.push({ level: 'debug', message, details });
  }
  info(message: string, ...details: unknown[]) {
    this.records.push({ level: 'info', message, details });
  }
  warn(message: string, ...details: unknown[]) {
    this.records.push({ level: 'warn', message, details });
  }
  error(message: string | Error, ...details: unknown[]) {
    this.records.push({ level: 'error', message: message instanceof Error ? message.message : message, details });
  }
}
