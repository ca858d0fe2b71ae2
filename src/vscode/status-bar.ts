import * as vscode from 'vscode';
import { countScan } from '../report/account-summary';
import type { AccountSession } from './account-session';

/** One status-bar item: profile, account and counts; clicking it selects a profile. */
export class AccountStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tagsight.account', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: AccountSession) {
    this.item.name = 'Tagsight Account';
    this.item.command = 'tagsight.selectProfile';
    this.subscription = session.onDidChange(() => this.update());
    this.update();
    this.item.show();
  }

  /** The shown text, for tests. */
  get text(): string { return this.item.text; }

  private update(): void {
    const state = this.session.state;
    const scan = this.session.scan();
    const who = this.session.connectionLabel;
    if (state.kind === 'disconnected') {
      this.item.text = '$(account) Tagsight: not connected';
      this.item.tooltip = 'Select an AWS profile (or try the demo account) to see Config coverage and findings.';
      this.item.backgroundColor = undefined;
      return;
    }
    if (state.kind === 'scanning') {
      this.item.text = `$(sync~spin) Tagsight: ${who}${state.total ? ` ${state.done}/${state.total}` : ''}`;
      this.item.tooltip = 'Scanning AWS Config region by region…';
      this.item.backgroundColor = undefined;
      return;
    }
    if (state.kind === 'failed') {
      this.item.text = `$(error) Tagsight: ${who}, scan failed`;
      this.item.tooltip = state.error.message;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      return;
    }
    const counts = scan ? countScan(scan) : undefined;
    const account = scan?.identity?.accountId ?? 'unknown account';
    const problems = counts ? counts.problems : 0;
    const findings = counts ? counts.nonCompliant : 0;
    this.item.text = `$(${problems || findings ? 'warning' : 'pass'}) ${who} · ${account} · ${problems} unrecorded · ${findings} non-compliant`;
    this.item.tooltip = counts
      ? `Account ${account} (${who})${this.session.endpoint ? `\nCalls go to ${this.session.endpoint}, not AWS.` : ''}\n${counts.recorded} of ${counts.regions} regions recorded, ${counts.notRecorded} not recorded, ${counts.disabled} disabled\n${findings} non-compliant resource(s)${counts.errors ? `\n${counts.errors} error(s): see the log` : ''}`
      : who;
    this.item.backgroundColor = problems || findings ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
