import * as vscode from 'vscode';
import type { ConfiguredRegion } from '../core/configured-region';
import { createProfileRegionLookup, resolveConfiguredRegion } from '../aws/configured-region';
import { errorMessage } from '../core/errors';
import type { Logger } from '../core/logger';

/**
 * The region assumed for SDK and CLI clients without one in code (see src/aws/configured-region.ts), kept current:
 * read at start and again when `tagsight.regionCheck.assumedRegion` or `tagsight.aws.profile` changes. The
 * environment is the extension host's. Fires onDidChange after each read so diagnostics are redone.
 */
export class ConfiguredRegionSource implements vscode.Disposable {
  private region: ConfiguredRegion | undefined;
  private lookup: ((profile: string) => ConfiguredRegion | undefined) | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly listener: vscode.Disposable;
  readonly onDidChange = this.emitter.event;
  readonly ready: Promise<void>;

  constructor(private readonly logger: Logger) {
    this.listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('tagsight.regionCheck') || event.affectsConfiguration('tagsight.aws.profile')) void this.refresh();
    });
    this.ready = this.refresh();
  }

  current(): ConfiguredRegion | undefined {
    return this.region;
  }

  profileRegion(profile: string): ConfiguredRegion | undefined {
    return this.lookup?.(profile);
  }

  private async refresh(): Promise<void> {
    const configuration = vscode.workspace.getConfiguration('tagsight');
    const assumedRegion = configuration.get<string>('regionCheck.assumedRegion', '');
    // The profile chooses credentials: only the user's own value counts (see settings.ts).
    const profile = configuration.inspect<string>('aws.profile')?.globalValue || undefined;
    const input = { assumedRegion, env: process.env, ...(profile ? { profile } : {}) };
    try {
      [this.region, this.lookup] = await Promise.all([resolveConfiguredRegion(input), createProfileRegionLookup(input)]);
      this.logger.debug(this.region ? `Region check assumes ${this.region.region} (${this.region.source})` : 'Region check: no configured region');
    } catch (error) {
      this.logger.warn(`Cannot read the configured AWS region: ${errorMessage(error)}`);
      this.region = undefined;
      this.lookup = undefined;
    }
    this.emitter.fire();
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
