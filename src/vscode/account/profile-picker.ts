import * as vscode from 'vscode';
import { listProfiles } from '../../aws/profiles';
import { errorMessage } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { BUILT_IN_REGIONS, isRegionCode } from '../../core/regions';
import type { AccountConnectionChoice } from './account-session';
import { connectionEntries } from './profile-choices';

/**
 * The profile quick pick: every profile of the shared files, the SDK's default chain, and the demo account. It
 * opens on the current choice (marked "(current)"), so Enter keeps it.
 */
export async function pickConnection(logger: Logger, current?: AccountConnectionChoice): Promise<AccountConnectionChoice | undefined> {
  type Item = vscode.QuickPickItem & { choice?: AccountConnectionChoice; current?: boolean };
  let profiles: Awaited<ReturnType<typeof listProfiles>> = [];
  let problem: string | undefined;
  try {
    profiles = await listProfiles();
  } catch (error) {
    problem = errorMessage(error);
    logger.warn(`Could not read the AWS shared config files: ${problem}`);
  }
  const items = connectionEntries(profiles, current, process.env.AWS_PROFILE).map((entry): Item =>
    entry.separator
      ? { label: entry.label, kind: vscode.QuickPickItemKind.Separator }
      : { label: entry.label, description: entry.description, choice: entry.choice, current: entry.current },
  );
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = 'Tagsight: connect to AWS';
  pick.placeholder = problem
    ? `The shared config files could not be read (${problem}); the default chain still works`
    : 'Select the credentials to scan with';
  pick.matchOnDescription = true;
  pick.items = items;
  // Set after the items: assigning items resets the active item to the first one.
  const active = items.find((item) => item.current);
  if (active) pick.activeItems = [active];
  try {
    return await new Promise<AccountConnectionChoice | undefined>((resolve) => {
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0]?.choice);
        pick.hide();
      });
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
  } finally {
    pick.dispose();
  }
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
