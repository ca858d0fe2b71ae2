import * as vscode from 'vscode';
import { listProfiles } from '../aws/profiles';
import { errorMessage } from '../core/errors';
import type { Logger } from '../core/logger';
import { BUILT_IN_REGIONS, isRegionCode } from '../core/regions';
import type { AccountConnectionChoice } from './account-session';

/** The profile quick pick: every profile of the shared files, the SDK's default chain, and the demo account. */
export async function pickConnection(logger: Logger): Promise<AccountConnectionChoice | undefined> {
  type Item = vscode.QuickPickItem & { choice?: AccountConnectionChoice };
  let profiles: Awaited<ReturnType<typeof listProfiles>> = [];
  let problem: string | undefined;
  try {
    profiles = await listProfiles();
  } catch (error) {
    problem = errorMessage(error);
    logger.warn(`Could not read the AWS shared config files: ${problem}`);
  }
  const envProfile = process.env.AWS_PROFILE;
  const items: Item[] = [
    {
      label: '$(key) Default credential chain',
      description: envProfile ? `AWS_PROFILE=${envProfile}` : 'environment, SSO, shared files, instance role',
      choice: { kind: 'default-chain' },
    },
    ...(profiles.length ? [{ label: 'Profiles', kind: vscode.QuickPickItemKind.Separator } as Item] : []),
    ...profiles.map((profile): Item => ({
      label: `$(account) ${profile.name}`,
      description: [profile.kind === 'sso' ? 'SSO' : profile.kind === 'role' ? 'assume role' : profile.kind === 'keys' ? 'access keys' : profile.kind, profile.region].filter(Boolean).join(' · '),
      choice: { kind: 'profile', profile: profile.name },
    })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(beaker) Demo account', description: 'a local emulator with the incident scenario; no AWS account needed', choice: { kind: 'demo' } },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Tagsight: connect to AWS',
    placeHolder: problem ? `The shared config files could not be read (${problem}); the default chain still works` : 'Select the credentials to scan with',
    matchOnDescription: true,
  });
  return picked?.choice;
}

/** Multi-select of regions; the result is stored in the user's `tagsight.aws.regions` (empty: every enabled region). */
export async function pickRegions(current: readonly string[], known: readonly string[]): Promise<string[] | undefined> {
  const codes = [...new Set([...known, ...BUILT_IN_REGIONS.map((info) => info.code), ...current])].filter(isRegionCode).sort();
  const names = new Map(BUILT_IN_REGIONS.map((info) => [info.code, info.name]));
  const items = codes.map((code) => ({ label: code, description: names.get(code), picked: current.includes(code) }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Tagsight: regions to scan',
    placeHolder: 'Select regions; select none to scan every region enabled for the account',
    canPickMany: true,
    matchOnDescription: true,
  });
  return picked?.map((item) => item.label);
}
