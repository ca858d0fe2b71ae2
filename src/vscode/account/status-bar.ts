import * as vscode from 'vscode';
import type { AccountSession } from './account-session';
import { blindSpotsOfScan } from './coverage-details';
import type { BlindSpotSource } from './coverage-tree';
import { statusBarContent } from './status-bar-text';

/**
 * Two status-bar items side by side: who (profile and account; a click chooses another profile) and what was
 * found (counts by urgency; a click opens the Findings view).
 */
export class AccountStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tagsight.account', vscode.StatusBarAlignment.Left, 10);
  private readonly countsItem = vscode.window.createStatusBarItem('tagsight.counts', vscode.StatusBarAlignment.Left, 9);
  private readonly subscription: vscode.Disposable;
  private blindSpots: { source: BlindSpotSource; subscription: vscode.Disposable } | undefined;

  constructor(private readonly session: AccountSession) {
    this.item.name = 'Tagsight Account';
    this.item.command = 'tagsight.selectProfile';
    this.countsItem.name = 'Tagsight Findings';
    this.countsItem.command = 'tagsight.findings.focus';
    this.subscription = session.onDidChange(() => this.update());
    this.update();
    this.item.show();
  }

  /** The shown texts and tooltips, for tests: the account item, then the counts item when shown. */
  get text(): string {
    return this.countsVisible ? `${this.item.text} ${this.countsItem.text}` : this.item.text;
  }
  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '');
  }
  get countsTooltip(): string {
    return typeof this.countsItem.tooltip === 'string' ? this.countsItem.tooltip : '';
  }
  get countsCommand(): string | undefined {
    return typeof this.countsItem.command === 'string' ? this.countsItem.command : undefined;
  }
  private countsVisible = false;

  /** Counts the blind spots of the shown scan too (the check starts after the scan, so it is followed, not passed). */
  followBlindSpots(source: BlindSpotSource): void {
    this.blindSpots?.subscription.dispose();
    this.blindSpots = { source, subscription: source.onDidChange(() => this.update()) };
    this.update();
  }

  private update(): void {
    const scan = this.session.scan();
    const content = statusBarContent({
      state: this.session.state,
      connectionLabel: this.session.connectionLabel,
      endpoint: this.session.endpoint,
      scan,
      blindSpots: blindSpotsOfScan(scan, this.blindSpots?.source.report),
    });
    this.item.text = content.text;
    this.item.tooltip = content.tooltip;
    this.item.backgroundColor = content.tone ? new vscode.ThemeColor(`statusBarItem.${content.tone}Background`) : undefined;
    this.countsVisible = content.counts !== undefined;
    if (content.counts) {
      this.countsItem.text = content.counts.text;
      this.countsItem.tooltip = content.counts.tooltip;
      this.countsItem.backgroundColor = content.counts.tone
        ? new vscode.ThemeColor(`statusBarItem.${content.counts.tone}Background`)
        : undefined;
      this.countsItem.show();
    } else {
      this.countsItem.hide();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.blindSpots?.subscription.dispose();
    this.item.dispose();
    this.countsItem.dispose();
  }
}
