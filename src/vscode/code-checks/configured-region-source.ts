import * as vscode from 'vscode';
import type { ConfiguredRegionLookup } from '../../core/configured-region';
import { loadConfiguredRegions } from '../../aws/configured-region';
import { errorMessage } from '../../core/errors';
import { logRejection, type Logger } from '../../core/logger';
import { readResourceSettings } from '../common/settings';

/**
 * The region assumed, tool by tool, for SDK and CLI clients without one in code (see src/aws/configured-region.ts,
 * which the CLI uses too), kept current: read at start and again when `tagsight.regionCheck.assumedRegion`
 * changes. The environment is the extension host's. Fires onDidChange after each read so diagnostics are redone.
 */
export class ConfiguredRegionSource implements vscode.Disposable {
  private lookup: ConfiguredRegionLookup | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly listener: vscode.Disposable;
  readonly onDidChange = this.emitter.event;
  readonly ready: Promise<void>;

  constructor(private readonly logger: Logger) {
    this.listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('tagsight.regionCheck')) this.refresh().catch(logRejection(logger, 'Reading the configured region'));
    });
    this.ready = this.refresh();
  }

  /** Undefined until the shared files are read, or when they cannot be: then nothing is assumed. */
  current(): ConfiguredRegionLookup | undefined {
    return this.lookup;
  }

  private async refresh(): Promise<void> {
    // One lookup for the window (the extension host has one environment): the window's value of the setting.
    const assumedRegion = readResourceSettings(null).regionCheckAssumedRegion;
    try {
      this.lookup = await loadConfiguredRegions({ assumedRegion, env: process.env });
      const sdk = this.lookup('js-v3');
      this.logger.debug(
        sdk
          ? `Region check assumes ${sdk.region} for SDK v3 clients (${sdk.source})`
          : 'Region check: no configured region for SDK v3 clients',
      );
    } catch (error) {
      this.logger.warn(`Cannot read the configured AWS region: ${errorMessage(error)}`);
      this.lookup = undefined;
    }
    this.emitter.fire();
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
