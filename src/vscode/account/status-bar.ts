import * as vscode from 'vscode';
import type { AccountSession } from './account-session';
import { blindSpotsOfScan } from './coverage-details';
import type { BlindSpotSource } from './coverage-tree';
import { statusBarContent } from './status-bar-text';

/** One status-bar item: profile, account and counts; clicking it selects a profile. */
export class AccountStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tagsight.account', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;
  private blindSpots: { source: BlindSpotSource; subscription: vscode.Disposable } | undefined;

  constructor(private readonly session: AccountSession) {
    this.item.name = 'Tagsight Account';
    this.item.command = 'tagsight.selectProfile';
    this.subscription = session.onDidChange(() => this.update());
    this.update();
    this.item.show();
  }

  /** The shown text and tooltip, for tests. */
  get text(): string { return this.item.text; }
  get tooltip(): string { return typeof this.item.tooltip === 'string' ? this.item.tooltip : this.item.tooltip?.value ?? ''; }

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
  }

  dispose(): void {
    this.subscription.dispose();
    this.blindSpots?.subscription.dispose();
    this.item.dispose();
  }
}
