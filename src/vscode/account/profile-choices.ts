import type { AwsProfileInfo } from '../../aws/profiles';
import type { ScanError } from '../../core/scan-error';
import type { AccountConnectionChoice } from './account-session';

/**
 * The entries of the profile picker and the words around a connection, without `vscode` so unit tests read
 * them: the current choice is marked "(current)" and is the item the picker opens on.
 */
export type ConnectionEntry =
  | { readonly separator: true; readonly label: string }
  | {
      readonly separator?: false;
      readonly label: string;
      readonly description: string;
      readonly choice: AccountConnectionChoice;
      readonly current: boolean;
    };

export function sameChoice(a: AccountConnectionChoice | undefined, b: AccountConnectionChoice | undefined): boolean {
  if (!a || !b || a.kind !== b.kind) return false;
  return a.kind !== 'profile' || a.profile === (b as { profile: string }).profile;
}

const PROFILE_KINDS: Readonly<Record<AwsProfileInfo['kind'], string>> = {
  sso: 'SSO',
  role: 'assume role',
  keys: 'access keys',
  process: 'process',
  other: 'other',
};

function described(current: boolean, ...parts: Array<string | undefined>): string {
  return [current ? '(current)' : undefined, ...parts].filter(Boolean).join(' · ');
}

export function connectionEntries(
  profiles: readonly AwsProfileInfo[],
  current: AccountConnectionChoice | undefined,
  envProfile: string | undefined,
): ConnectionEntry[] {
  const entry = (label: string, choice: AccountConnectionChoice, ...parts: Array<string | undefined>): ConnectionEntry => {
    const isCurrent = sameChoice(choice, current);
    return { label, description: described(isCurrent, ...parts), choice, current: isCurrent };
  };
  const listed = profiles.map((profile) =>
    entry(`$(account) ${profile.name}`, { kind: 'profile', profile: profile.name }, PROFILE_KINDS[profile.kind], profile.region),
  );
  // A profile chosen earlier and since removed from the files stays visible, so the picker still says what is connected.
  if (current?.kind === 'profile' && !profiles.some((profile) => profile.name === current.profile)) {
    listed.unshift(entry(`$(account) ${current.profile}`, current, 'not in the shared config files'));
  }
  return [
    entry(
      '$(key) Default credential chain',
      { kind: 'default-chain' },
      envProfile ? `AWS_PROFILE=${envProfile}` : 'environment, SSO, shared files, instance role',
    ),
    ...(listed.length ? [{ separator: true as const, label: 'Profiles' }] : []),
    ...listed,
    { separator: true, label: '' },
    entry('$(beaker) Demo account', { kind: 'demo' }, 'a local emulator with the incident scenario; no AWS account needed'),
  ];
}

/** The notification after a chosen connection failed (the views say it too: connecting drops the previous results). */
export function connectFailedMessage(connectionLabel: string, error: ScanError): string {
  // The operation ("GetCallerIdentity: ") means nothing to someone who just picked a profile; the log keeps it.
  let reason = error.message.replace(/^Could not connect: /, '');
  if (error.operation && reason.startsWith(`${error.operation}: `)) reason = reason.slice(error.operation.length + 2);
  return `Tagsight could not connect with ${connectionLabel}. ${reason.charAt(0).toUpperCase()}${reason.slice(1)}`;
}
