import * as assert from 'node:assert/strict';
import type { AccountScan } from '../../../../src/core/account-model';
import { statusBarContent } from '../../../../src/vscode/account/status-bar-text';
import { INCIDENT_BLIND_SPOTS, INCIDENT_SCAN } from '../../report/html-report.fixture';

describe('status bar wording', () => {
  const scanned = { kind: 'scanned' } as const;

  it('says "not recorded" (as the Coverage view and the map do) and counts the blind spots', () => {
    const content = statusBarContent({
      state: scanned,
      connectionLabel: 'profile incident',
      scan: INCIDENT_SCAN,
      blindSpots: INCIDENT_BLIND_SPOTS,
    });
    // Two items, each click doing what its text says: who (choose a profile), what was found (open Findings).
    assert.equal(content.text, '$(account) profile incident · 123456789012');
    assert.match(content.tooltip, /^Account 123456789012 \(profile incident\)\nClick to choose another profile\.$/);
    assert.equal(content.counts?.text, '$(warning) 1 non-compliant · 1 blind spot · 1 not recorded');
    assert.doesNotMatch(content.counts!.text + content.counts!.tooltip, /unrecorded/);
    assert.match(content.counts!.tooltip, /2 of 3 regions recorded, 1 not recorded, 0 disabled/);
    assert.match(content.counts!.tooltip, /1 blind spot: 1 bucket Config has not discovered/);
    assert.match(content.counts!.tooltip, /Click to open the Findings view/);
    assert.equal(content.counts?.tone, 'warning');
    assert.equal(content.tone, undefined);
  });

  it('leaves blind spots out until the check found some, and turns green when nothing needs a look', () => {
    assert.doesNotMatch(
      statusBarContent({ state: scanned, connectionLabel: 'profile incident', scan: INCIDENT_SCAN }).counts!.text,
      /blind spot/,
    );
    const clean: AccountScan = { ...INCIDENT_SCAN, regions: INCIDENT_SCAN.regions.filter((region) => region.region === 'ap-northeast-2') };
    const content = statusBarContent({
      state: scanned,
      connectionLabel: 'default credentials',
      scan: clean,
      blindSpots: { ...INCIDENT_BLIND_SPOTS, blindSpots: [] },
    });
    assert.equal(content.counts?.text, '$(pass) 0 non-compliant · 0 not recorded');
    assert.equal(content.counts?.tone, undefined);
  });

  it('counts a stopped recorder as not recorded and says which ones are stopped in the tooltip', () => {
    const [virginia, seoul] = INCIDENT_SCAN.regions;
    const stopped = {
      ...seoul!,
      region: 'eu-north-1',
      verdict: { ...seoul!.verdict, kind: 'recorder-failing' as const, level: 'problem' as const, headline: 'recorder stopped' },
    };
    const content = statusBarContent({
      state: scanned,
      connectionLabel: 'p',
      scan: { ...INCIDENT_SCAN, regions: [virginia!, seoul!, stopped] },
    });
    assert.match(content.counts!.text, / 2 not recorded$/);
    assert.match(content.counts!.tooltip, /2 not recorded \(1 with a stopped or failing recorder\)/);
    const unused = statusBarContent({
      state: scanned,
      connectionLabel: 'p',
      scan: { ...INCIDENT_SCAN, regions: [virginia!, seoul!, stopped], unusedRegions: [virginia!.region] },
    });
    assert.match(unused.counts!.text, / 1 not recorded$/, 'a region marked unused, holding nothing, is no problem');
    assert.match(unused.counts!.tooltip, /1 marked unused/);
  });

  it('names profile and account, then the counts by urgency, so a narrow window cuts the least urgent (at 40% of 1280 px, about 75 characters)', () => {
    const content = statusBarContent({
      state: scanned,
      connectionLabel: 'profile tagsight-demo',
      scan: { ...INCIDENT_SCAN, regions: Array(16).fill(INCIDENT_SCAN.regions[0]) },
      blindSpots: INCIDENT_BLIND_SPOTS,
    });
    assert.equal(content.text, '$(account) profile tagsight-demo · 123456789012');
    assert.equal(content.counts?.text, '$(warning) 0 non-compliant · 1 blind spot · 16 not recorded');
    const both = `${content.text} ${content.counts!.text}`.replace(/\$\([^)]*\) /g, '');
    assert.ok(both.replace(/ · \d+ not recorded$/, '').length <= 75, both);
  });

  it('says when calls do not go to AWS, and when the scan failed', () => {
    assert.match(
      statusBarContent({ state: scanned, connectionLabel: 'p', endpoint: 'http://127.0.0.1:4566', scan: INCIDENT_SCAN }).tooltip,
      /Calls go to http:\/\/127\.0\.0\.1:4566, not to AWS/,
    );
    const failed = statusBarContent({
      state: { kind: 'failed', error: { kind: 'expired-credentials', message: 'Sign in again.' } },
      connectionLabel: 'profile dev',
    });
    assert.equal(failed.text, '$(error) Tagsight: profile dev, scan failed');
    assert.equal(failed.tone, 'error');
  });
});
