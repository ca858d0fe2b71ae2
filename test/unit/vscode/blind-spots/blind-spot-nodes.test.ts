import * as assert from 'node:assert/strict';
import { findBlindSpots, type BlindSpotInput, type BlindSpotReport } from '../../../../src/core/blind-spot';
import type { RequiredTag } from '../../../../src/core/tag-policy';
import {
  blindSpotsChildren,
  blindSpotsRoots,
  groupDescription,
  unwatchedDescription,
  type BlindSpotNode,
} from '../../../../src/vscode/blind-spots/blind-spot-nodes';

const rule: RequiredTag = {
  key: 'Service',
  resourceTypes: ['AWS::S3::Bucket'],
  source: { kind: 'config-rule', name: 'required-tags (ap-northeast-2)' },
};

function report(overrides: Partial<BlindSpotInput> = {}): BlindSpotReport {
  return findBlindSpots({
    now: new Date('2026-11-27T10:00:00Z'),
    buckets: [
      { name: 'rnd-transcribe-test', region: 'ap-northeast-2' },
      { name: 'virginia-logs', region: 'us-east-1' },
    ],
    regions: [
      { region: 'ap-northeast-2', state: 'recording', discoveredBuckets: new Set() },
      { region: 'us-east-1', state: 'not-recording', reason: 'no-recorder' },
    ],
    createEvents: [],
    tags: new Map([['rnd-transcribe-test', {}]]),
    rules: [{ region: 'ap-northeast-2', ruleNames: ['required-tags'], requirements: [rule] }],
    ...overrides,
  });
}

const labels = (nodes: BlindSpotNode[]) =>
  nodes.map((node) => ('label' in node ? node.label : node.kind === 'spot' ? node.resourceId : node.kind));

describe('the Blind spots group', () => {
  it('holds the state it was made from: its children describe that state even after the check moved on', () => {
    const [group] = blindSpotsRoots({ kind: 'done', report: report() });
    assert.ok(group?.kind === 'group');
    assert.equal(groupDescription(group.state), '1 not seen by Config');
    // The service is 'checking' by now; the node VS Code asks about still shows what its label says.
    assert.deepEqual(labels(blindSpotsChildren(group)), ['rnd-transcribe-test', 'unwatched']);
  });

  it('is absent before the first check, and says what it is doing while checking or after a failure', () => {
    assert.deepEqual(blindSpotsRoots({ kind: 'idle' }), []);
    assert.equal(groupDescription({ kind: 'checking' }), 'checking…');
    assert.deepEqual(labels(blindSpotsChildren({ kind: 'group', state: { kind: 'checking' } })), [
      'Checking buckets, Config inventories and CloudTrail…',
    ]);
    assert.equal(groupDescription({ kind: 'failed', message: 'AccessDenied' }), 'check failed');
  });

  it('never says "0 not seen": none, with one line that says so', () => {
    const clean = report({ buckets: [] });
    assert.equal(groupDescription({ kind: 'done', report: clean }), 'none');
    assert.deepEqual(labels(blindSpotsChildren({ kind: 'group', state: { kind: 'done', report: clean } })), [
      'Every bucket in a recorded region is known to Config',
    ]);
    // The unwatched group lists buckets by name under the regions that hold some, and no empty region.
    const children = blindSpotsChildren({ kind: 'group', state: { kind: 'done', report: report() } });
    const [regions] = children.filter((node) => node.kind === 'unwatched').map((node) => blindSpotsChildren(node));
    assert.deepEqual(
      regions!.map((node) => node.kind === 'unwatched-region' && node.region.region),
      ['us-east-1'],
    );
    assert.deepEqual(labels(blindSpotsChildren(regions![0]!)), ['virginia-logs']);

    const incomplete = report({ buckets: [], regions: [{ region: 'ap-northeast-2', state: 'error', message: 'AccessDenied' }] });
    assert.equal(groupDescription({ kind: 'done', report: incomplete }), 'none in the regions read');
    assert.deepEqual(labels(blindSpotsChildren({ kind: 'group', state: { kind: 'done', report: incomplete } })), [
      'No blind spot in the regions that could be read',
      'ap-northeast-2: Config could not be read',
    ]);
  });

  it('counts unwatched buckets and the regions holding them, with real plurals', () => {
    assert.equal(unwatchedDescription(report().unwatchedRegions), '1 bucket in us-east-1');
    assert.equal(
      unwatchedDescription([
        { region: 'us-east-1', reason: 'no-recorder', buckets: ['a', 'b'], message: '' },
        { region: 'eu-west-1', reason: 'no-recorder', buckets: ['c'], message: '' },
        { region: 'eu-west-2', reason: 'no-recorder', buckets: [], message: '' },
      ]),
      '3 buckets in 2 regions',
    );
    const empty = report();
    const withoutBuckets = { ...empty, unwatchedRegions: empty.unwatchedRegions.map((region) => ({ ...region, buckets: [] })) };
    assert.ok(
      !blindSpotsChildren({ kind: 'group', state: { kind: 'done', report: withoutBuckets } }).some((node) => node.kind === 'unwatched'),
      'no group without buckets',
    );
  });

  it('expands the evidence of a few blind spots, and shows the prediction first', () => {
    const [spot] = blindSpotsChildren({ kind: 'group', state: { kind: 'done', report: report() } });
    assert.ok(spot?.kind === 'spot' && spot.expanded);
    assert.deepEqual(labels(blindSpotsChildren(spot)).slice(0, 1), [
      'Predicted non-compliant, not yet evaluated by Config: missing Service.',
    ]);
  });
});
