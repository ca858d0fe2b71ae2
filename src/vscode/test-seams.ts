import type { Prompter } from '../app/tagging/prompter';
import { vscodePrompter } from './tagging/vscode-prompter';

/**
 * The switches integration tests turn, created by activate() only when VS Code runs the extension in test mode
 * (`ExtensionMode.Test`). What activate() returns is readable by every other extension: outside test mode none
 * of these exists, so nothing but the user can answer the tag-write confirmation or make the watch poll faster
 * than once a minute.
 */
export class TestSeams {
  private prompterOverride: Prompter | undefined;
  private watchIntervalOverrideMs: number | undefined;

  /** The prompter "Add Missing Tags…" asks: a test's answers when set, the user otherwise. */
  readonly prompter = (): Prompter => this.prompterOverride ?? vscodePrompter;

  /** The watch interval a test asked for, instead of the setting's (which still turns the watch on and off). */
  readonly watchIntervalMs = (): number | undefined => this.watchIntervalOverrideMs;

  setPrompter(prompter: Prompter | undefined): void {
    this.prompterOverride = prompter;
  }

  setWatchIntervalMs(intervalMs: number | undefined): void {
    if (intervalMs !== undefined && !(intervalMs > 0)) throw new RangeError('The watch interval must be positive');
    this.watchIntervalOverrideMs = intervalMs;
  }
}
