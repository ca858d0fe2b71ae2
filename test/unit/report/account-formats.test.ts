import * as assert from 'node:assert/strict';
import type { AccountScan, RegionScan } from '../../../src/core/account-model';
import { coverageVerdict } from '../../../src/core/coverage';
import { renderAccountJson } from '../../../src/report/account-json';
import { renderAccountMarkdown } from '../../../src/report/account-markdown';
import { scanHasFindings } from '../../../src/report/account-summary';
import { renderAccountText } from '../../../src/report/account-text';
import { blindSpotsMarkdownLines, renderBlindSpotsMarkdown } from '../../../src/report/blindspots-markdown';
import { INCIDENT_BLIND_SPOTS, INCIDENT_SCAN } from './html-report.fixture';

const recorded: RegionScan = {
  region: 'ap-northeast-2',
  optStatus: 'ENABLED_BY_DEFAULT',
  state: 'scanned',
  recorders: [
    {
      name: 'default',
      recordingGroup: {
        strategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
        allSupported: true,
        includeGlobalResourceTypes: false,
        resourceTypes: [],
        excludedResourceTypes: [],
      },
      recordingMode: { frequency: 'CONTINUOUS', overrides: [] },
      status: { recording: true, lastStatus: 'SUCCESS' },
    },
  ],
  deliveryChannels: [{ name: 'default', s3BucketName: 'b' }],
  rules: [],
  nonCompliant: [
    {
      ruleName: 'required-tags',
      region: 'ap-northeast-2',
      resourceType: 'AWS::S3::Bucket',
      resourceId: 'a|b',
      arn: 'arn:aws:s3:::a|b',
      missingKeys: ['Service'],
    },
  ],
  errors: [],
  verdict: undefined as never,
};
const notRecorded: RegionScan = {
  ...recorded,
  region: 'us-east-1',
  recorders: [],
  deliveryChannels: [],
  nonCompliant: [],
  verdict: undefined as never,
};
const withVerdicts = [recorded, notRecorded].map((region) => ({
  ...region,
  verdict: coverageVerdict({ optStatus: region.optStatus, recorders: region.recorders, deliveryChannels: region.deliveryChannels }),
}));

const scan: AccountScan = {
  identity: { accountId: '123456789012' },
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  regionSource: { kind: 'account-api' },
  regions: withVerdicts,
  aggregators: [],
  accountErrors: [],
  cancelled: false,
};

describe('account scan formats', () => {
  it('JSON names each region with its verdict, recorders and non-compliant resources, problems first', () => {
    const output = JSON.parse(renderAccountJson(scan));
    assert.deepEqual(
      output.regions.map((region: { region: string; verdict: string }) => [region.region, region.verdict]),
      [
        ['us-east-1', 'not-recorded'],
        ['ap-northeast-2', 'recorded'],
      ],
    );
    assert.equal(output.regions[1].recorders[0].name, 'default');
    assert.deepEqual(output.regions[1].nonCompliant[0].missingKeys, ['Service']);
    assert.equal(output.counts.nonCompliant, 1);
  });

  it('text lists findings first, then regions by relevance, with the verdicts explained once in a legend', () => {
    const text = renderAccountText(scan, { timeZone: 'UTC' });
    assert.match(text, /\n {2}ap-northeast-2 {2}AWS::S3::Bucket a\|b {2}missing: Service\n/);
    assert.match(text, /\[ok\] ap-northeast-2 +Asia Pacific \(Seoul\) +recorded, 1 non-compliant\n/);
    assert.match(text, /\[!!\] us-east-1 +US East \(N\. Virginia\) +not recorded\n/);
    assert.ok(text.indexOf('Non-compliant resources') < text.indexOf('Coverage by region'));
    assert.ok(text.indexOf('[ok] ap-northeast-2') < text.indexOf('[!!] us-east-1'), 'the region with a finding first');
    assert.equal(text.split('a call sent to this region').length - 1, 1, 'the explanation once, in the legend');
  });

  it('text fits the terminal width and folds quiet regions into one line with a legend', () => {
    const quiet = ['eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1'].map(
      (name) => ({ ...withVerdicts[1]!, region: name }),
    );
    const wide = { ...scan, demo: true, regions: [...withVerdicts, ...quiet] };
    const text = renderAccountText(wide, { width: 64 });
    for (const line of text.split('\n')) assert.ok(line.length <= 64, `too wide: ${line}`);
    assert.match(text, /^Demo account 123456789012/);
    assert.match(text, /\[!!\] 9 regions: no recorder, nothing found\n {7}ca-central-1, eu-west-1,/);
    assert.equal(text.split('a call sent to this region').length - 1, 1);
    assert.doesNotMatch(text, /default credentials/);
  });

  it('text shows when Config evaluated a finding as relative plus local time', () => {
    const evaluated = {
      ...scan,
      regions: [
        { ...withVerdicts[0]!, nonCompliant: [{ ...withVerdicts[0]!.nonCompliant[0]!, lastEvaluated: '2026-01-01T00:00:00.000Z' }] },
        withVerdicts[1]!,
      ],
    };
    assert.match(
      renderAccountText(evaluated, { now: new Date('2026-01-01T03:30:00.000Z'), timeZone: 'UTC' }),
      /rule required-tags, evaluated 3 h ago, 00:00\n/,
    );
  });

  it('markdown escapes table cells', () => {
    const markdown = renderAccountMarkdown(scan);
    assert.match(markdown, /\| `us-east-1` \| US East \(N\. Virginia\) \| not recorded/);
    assert.ok(markdown.includes('a\\|b'), 'a pipe in a resource id does not break the table');
  });

  it('markdown carries the blind spots as the blindspots report words them, or says they were not checked', () => {
    const markdown = renderAccountMarkdown(INCIDENT_SCAN, { blindSpots: INCIDENT_BLIND_SPOTS });
    assert.match(markdown, /\n## Blind spots\n\n1 blind spot/);
    assert.match(markdown, /\n\| rnd-transcribe-test \| ap-northeast-2 \| us-east-1 \| 4 h \| Service \|\n/);
    assert.match(markdown, /\n### rnd-transcribe-test\n/);
    assert.match(markdown, /\n### Regions without a Config recorder\n\nNo Config recorder, so nothing is watched, in 1 region: us-east-1/);
    assert.ok(markdown.indexOf('## Blind spots') < markdown.indexOf('## Non-compliant resources'), "in the HTML report's order");
    // One wording: the account report's section is the blindspots report's body, one heading level down.
    const body = blindSpotsMarkdownLines(INCIDENT_BLIND_SPOTS, 3).join('\n').trim();
    assert.ok(markdown.includes(body));
    assert.ok(renderBlindSpotsMarkdown(INCIDENT_BLIND_SPOTS).includes(body.replace(/^### /gm, '## ')));
    assert.match(renderAccountMarkdown(INCIDENT_SCAN), /\n## Blind spots\n\nNot checked in this scan\.\n/);
  });

  it('has findings when something is non-compliant or a region is not recorded, not otherwise', () => {
    assert.equal(scanHasFindings(scan), true);
    const clean = { ...scan, regions: [{ ...withVerdicts[1]!, ...withVerdicts[0]!, nonCompliant: [] }] };
    assert.equal(scanHasFindings(clean), false);
  });

  it('says when the scan failed, without a region table', () => {
    const failed = { ...scan, regions: [], error: { kind: 'expired-credentials' as const, message: 'the credentials have expired' } };
    assert.match(renderAccountText(failed), /Scan failed: the credentials have expired/);
    assert.equal(JSON.parse(renderAccountJson(failed)).error.kind, 'expired-credentials');
  });
});
