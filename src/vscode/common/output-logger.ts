import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';

/** The core's Logger over one LogOutputChannel; the user picks the level in the Output view. */
export function createOutputLogger(channel: vscode.LogOutputChannel): Logger {
  return {
    trace: (message, ...details) => channel.trace(message, ...details),
    debug: (message, ...details) => channel.debug(message, ...details),
    info: (message, ...details) => channel.info(message, ...details),
    warn: (message, ...details) => channel.warn(message, ...details),
    error: (message, ...details) => channel.error(message, ...details),
  };
}
