import type { AccountScan } from '../../core/account-model';
import type { BlindSpotReport } from '../../core/blind-spot';
import { NOT_RECORDED } from '../../core/coverage';
import { plural } from '../../core/wording';
import { relevanceOfBlindSpots } from '../../core/region-relevance';
import { countScan } from '../../report/account-summary';
import type { SessionState } from './account-session';

/**
 * The status bar items' words, without `vscode` so unit tests read them: one item says who (click: choose a
 * profile), the other what was found (click: open Findings), so each click does what its text suggests. A region whose recorder is missing,
 * stopped or failing counts as "not recorded", as the Coverage view and the map legend call it. The text stays
 * short (VS Code cuts a status bar item at 40% of the window, without an ellipsis): the breakdown is in the
 * tooltip, and the least urgent count comes last.
 */
export interface StatusBarInput {
  readonly state: SessionState;
  readonly connectionLabel: string;
  readonly endpoint?: string;
  readonly scan?: AccountScan;
  /** The blind-spot check of this scan, when it ran. */
  readonly blindSpots?: BlindSpotReport;
}

export interface StatusBarContent {
  /** Who: the connection and the account. Clicking it chooses another profile. */
  readonly text: string;
  readonly tooltip: string;
  /** The item's background: error when the scan failed. */
  readonly tone?: 'warning' | 'error';
  /** What was found, by urgency; clicking it opens the Findings view. Absent until a scan finished. */
  readonly counts?: { readonly text: string; readonly tooltip: string; readonly tone?: 'warning' };
}

const CLICK_PROFILE = 'Click to choose another profile.';
const CLICK_FINDINGS = 'Click to open the Findings view.';

export function statusBarContent(input: StatusBarInput): StatusBarContent {
  const { state, connectionLabel: who, scan } = input;
  if (state.kind === 'disconnected') {
    return {
      text: '$(account) Tagsight: not connected',
      tooltip: 'Select an AWS profile (or try the demo account) to see Config coverage and findings.',
    };
  }
  if (state.kind === 'scanning') {
    return {
      text: `$(sync~spin) Tagsight: ${who}${state.total ? ` ${state.done}/${state.total}` : ''}`,
      tooltip: 'Scanning AWS Config region by region…',
    };
  }
  if (state.kind === 'failed') {
    return { text: `$(error) Tagsight: ${who}, scan failed`, tooltip: `${state.error.message}\n${CLICK_PROFILE}`, tone: 'error' };
  }
  const account = scan?.identity?.accountId ?? 'unknown account';
  const where = input.endpoint ? `\nCalls go to ${input.endpoint}, not to AWS.` : '';
  const identity = { text: `$(account) ${who} · ${account}`, tooltip: `Account ${account} (${who})${where}\n${CLICK_PROFILE}` };
  if (!scan) return identity;
  // The counts every surface shows (report/account-summary): regions marked unused and holding nothing are not problems.
  const counts = countScan(scan, relevanceOfBlindSpots(input.blindSpots));
  const blindSpots = input.blindSpots?.blindSpots.length ?? 0;
  const attention = counts.problems + counts.nonCompliant + blindSpots > 0;
  // By urgency: what a narrow window cuts off is the least urgent.
  const parts = [`${counts.nonCompliant} non-compliant`];
  if (blindSpots) parts.push(plural(blindSpots, 'blind spot'));
  parts.push(`${counts.problems} ${NOT_RECORDED}`);
  const stoppedOrFailing = counts.problems - counts.notRecorded;
  const lines = [
    `${counts.recorded} of ${plural(counts.regions, 'region')} recorded, ${counts.problems} ${NOT_RECORDED}${stoppedOrFailing ? ` (${stoppedOrFailing} with a stopped or failing recorder)` : ''}${counts.unused ? `, ${counts.unused} marked unused` : ''}, ${counts.disabled} disabled`,
    `${plural(counts.nonCompliant, 'non-compliant resource')}`,
    ...(blindSpots ? [`${plural(blindSpots, 'blind spot')}: ${plural(blindSpots, 'bucket')} Config has not discovered`] : []),
    ...(counts.errors ? [`${plural(counts.errors, 'error')}: see the log`] : []),
    CLICK_FINDINGS,
  ];
  return {
    ...identity,
    counts: {
      text: `$(${attention ? 'warning' : 'pass'}) ${parts.join(' · ')}`,
      tooltip: lines.join('\n'),
      ...(attention ? { tone: 'warning' as const } : {}),
    },
  };
}
