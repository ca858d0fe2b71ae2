import * as vscode from 'vscode';
import { errorMessage } from '../core/errors';
import { type IacChecks, createIacChecks } from './diagnostics-wiring';
import { createOutputLogger } from './log';

/** What the extension returns from activate(): used by the integration tests and by other extensions. */
export interface TagsightApi {
  readonly version: string;
  /** Terraform/CloudFormation/code diagnostics, quick fixes, policy sources and the workspace check. */
  readonly iacChecks: IacChecks;
}

/**
 * Composition root: builds every service once, registers it with its single owner (the context's
 * subscriptions) and returns quickly. Long work (scans, workspace checks) starts in the background.
 */
export async function activate(context: vscode.ExtensionContext): Promise<TagsightApi> {
  const channel = vscode.window.createOutputChannel('Tagsight', { log: true });
  context.subscriptions.push(channel);
  const logger = createOutputLogger(channel);
  // Registered before anything can fail, so that the log stays one command away when activation fails.
  context.subscriptions.push(vscode.commands.registerCommand('tagsight.openLog', () => channel.show(true)));
  try {
    const iacChecks = createIacChecks(logger);
    context.subscriptions.push(iacChecks);
    logger.info(`Tagsight ${context.extension.packageJSON.version} activated`);
    return { version: String(context.extension.packageJSON.version), iacChecks };
  } catch (error) {
    // VS Code shows nothing when activation fails; the user must learn that Tagsight is not running, and why.
    logger.error('Activation failed', error);
    void vscode.window
      .showErrorMessage(`Tagsight failed to start: ${errorMessage(error)}`, 'Open Log')
      .then((choice) => choice && channel.show(true));
    throw error;
  }
}

export function deactivate(): void {}
