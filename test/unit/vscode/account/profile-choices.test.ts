import * as assert from 'node:assert/strict';
import type { AwsProfileInfo } from '../../../../src/aws/profiles';
import type { AccountConnectionChoice } from '../../../../src/vscode/account/account-session';
import { connectFailedMessage, connectionEntries, type ConnectionEntry } from '../../../../src/vscode/account/profile-choices';

const PROFILES: AwsProfileInfo[] = [
  { name: 'dev', kind: 'sso', region: 'eu-west-1', sources: ['config'] },
  { name: 'tagsight-demo', kind: 'keys', region: 'us-east-1', sources: ['config', 'credentials'] },
];

function current(entries: ConnectionEntry[]): string[] {
  return entries.flatMap((entry) => (!entry.separator && entry.current ? [`${entry.label} — ${entry.description}`] : []));
}

describe('profile picker entries', () => {
  it('marks the connected profile "(current)", and only it, so the picker opens on it', () => {
    const entries = connectionEntries(PROFILES, { kind: 'profile', profile: 'tagsight-demo' }, undefined);
    assert.deepEqual(current(entries), ['$(account) tagsight-demo — (current) · access keys · us-east-1']);
    const chain = entries.find((entry) => !entry.separator && entry.choice.kind === 'default-chain');
    assert.equal(chain && !chain.separator && chain.current, false, 'the default chain is not highlighted instead');
  });

  it('marks the default chain or the demo when they are connected, and nothing when nothing is', () => {
    const cases: Array<[AccountConnectionChoice | undefined, string[]]> = [
      [{ kind: 'default-chain' }, ['$(key) Default credential chain — (current) · AWS_PROFILE=dev']],
      [{ kind: 'demo' }, ['$(beaker) Demo account — (current) · a local emulator with the incident scenario; no AWS account needed']],
      [undefined, []],
    ];
    for (const [choice, expected] of cases) assert.deepEqual(current(connectionEntries(PROFILES, choice, 'dev')), expected);
  });

  it('keeps a connected profile that left the shared files in the list', () => {
    const entries = connectionEntries(PROFILES, { kind: 'profile', profile: 'gone' }, undefined);
    assert.deepEqual(current(entries), ['$(account) gone — (current) · not in the shared config files']);
  });

  it('words a failed connection with its reason once', () => {
    assert.equal(
      connectFailedMessage('profile dev', { kind: 'other', message: 'Could not connect: profile dev has no endpoint' }),
      'Tagsight could not connect with profile dev. Profile dev has no endpoint',
    );
    assert.equal(
      connectFailedMessage('profile dev', {
        kind: 'expired-credentials',
        operation: 'GetCallerIdentity',
        message: 'GetCallerIdentity: the credentials have expired (ExpiredToken). Sign in again.',
      }),
      'Tagsight could not connect with profile dev. The credentials have expired (ExpiredToken). Sign in again.',
    );
  });
});
