import * as vscode from 'vscode';
import { plural } from '../../core/wording';
import { describePlan, formatTagSet, type Prompter } from '../../app/tagging/prompter';

/**
 * A pick list whose first row is an instruction, not a value: showQuickPick would make the first allowed value
 * active, and one Enter would tag the resource with a value nobody chose. Accepting the instruction does nothing;
 * typing filters it away, so the first match is then a deliberate choice.
 */
async function pickWithNothingChosen(
  values: readonly string[],
  options: { title: string; placeholder: string },
): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { readonly value?: string };
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.ignoreFocusOut = true;
  pick.items = [{ label: 'Choose a value below (type to filter)' }, ...values.map((value): Item => ({ label: value, value }))];
  return new Promise<string | undefined>((resolve) => {
    let chosen: string | undefined;
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0]?.value ?? pick.activeItems[0]?.value;
      if (chosen !== undefined) pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}

/** The Prompter over vscode.window: quick pick for allowed values, validated input box otherwise, modal confirms. */
export const vscodePrompter: Prompter = {
  async askValue(question) {
    const title = `${question.key} for ${question.resource}`;
    const exact = question.allowedValues.filter((value) => !value.endsWith('*'));
    if (exact.length > 0 && exact.length === question.allowedValues.length) {
      return pickWithNothingChosen(exact, { title, placeholder: `Required by ${question.requiredBy}; pick an allowed value` });
    }
    const prefixes = question.allowedValues.filter((value) => value.endsWith('*'));
    return vscode.window.showInputBox({
      title,
      prompt: `Required by ${question.requiredBy}${prefixes.length > 0 ? `; allowed: ${question.allowedValues.join(', ')}` : ''}`,
      value: question.currentValue ?? '',
      ignoreFocusOut: true,
      validateInput: (value) => question.validate(value),
    });
  },

  async chooseWhenManaged(resource, evidence) {
    const open = 'Open Definition';
    const write = 'Write Live Tag Anyway';
    const canOpen = evidence.some((item) => item.kind === 'iac-reference');
    const choice = await vscode.window.showWarningMessage(
      `${resource} looks managed by infrastructure code: a live-only tag is likely undone by the next deploy.`,
      {
        modal: true,
        detail: evidence.map((item) => item.message).join('\n') + '\n\nAdd the tag at its source; the live write is a stop-gap.',
      },
      ...(canOpen ? [open] : []),
      write,
    );
    if (choice === open) return 'open-definition';
    if (choice === write) return 'write-anyway';
    return undefined;
  },

  async confirmWrite(preview) {
    const write = 'Write Tags';
    const choice = await vscode.window.showWarningMessage(
      `Write ${plural(preview.plan.added.length + preview.plan.changed.length, 'tag change')} to ${preview.resource}${preview.account ? ` in ${preview.account}` : ''}?`,
      {
        modal: true,
        detail: `${preview.account ? `To: ${preview.account}\n\n` : ''}${describePlan(preview.plan)}\n\nWith ${preview.how}. Every existing tag is kept.`,
      },
      write,
    );
    return choice === write;
  },

  async showChangedSincePreview(resource, preview, current) {
    await vscode.window.showWarningMessage(
      `The tags of ${resource} changed since the preview; nothing was written. Run "Add Missing Tags…" again.`,
      { modal: true, detail: `Shown before:\n${formatTagSet(preview)}\n\nNow:\n${formatTagSet(current)}` },
    );
  },

  // The explanation is in the log (the flow writes it there): a toast says one sentence.
  async offerReevaluation(ruleNames, region) {
    const run = 'Re-evaluate';
    const choice = await vscode.window.showInformationMessage(`Ask Config in ${region} to re-evaluate ${ruleNames.join(', ')} now?`, run);
    return choice === run;
  },

  info: (message) => void vscode.window.showInformationMessage(message),
  warn: (message) => void vscode.window.showWarningMessage(message),
  error: (message) => void vscode.window.showErrorMessage(message),
};
