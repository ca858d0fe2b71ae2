import * as vscode from 'vscode';
import type { AccountScan } from '../core/account-scan';
import type { Logger } from '../core/logger';
import type { IacFile, IacLocation } from '../core/managed-resource';
import type { RequiredTag } from '../core/tag-policy';
import { RuleReevaluator } from '../aws/config-inventory-reevaluation';
import { addMissingTags, type AddMissingTagsResult, type TaggingClients } from './add-missing-tags';
import type { Prompter } from './add-missing-tags-prompter';
import { resolveTagTarget } from './add-missing-tags-target';
import { vscodePrompter } from './add-missing-tags-vscode';

/**
 * Registers `tagsight.addMissingTags`. The argument may be a blind-spot node, a finding node or a watch
 * notification's target (see add-missing-tags-target.ts). Everything account-related comes from the session
 * through these getters, so the command always uses the current profile's clients and the latest scan.
 */
export interface AddMissingTagsCommandDeps {
  readonly logger: Logger;
  /** Undefined when no profile is connected. */
  readonly clients: () => TaggingClients | undefined;
  readonly scan: () => AccountScan | undefined;
  readonly workspaceRequirements: () => readonly RequiredTag[];
  /** Called after a successful write, to refresh the views. */
  readonly onWritten?: () => void;
}

const IAC_GLOB = '**/*.{tf,tf.json,yaml,yml,json,template}';
const IAC_EXCLUDE = '**/{node_modules,.terraform,.git,dist,out,cdk.out}/**';
const MAX_IAC_FILES = 2000;
const MAX_IAC_FILE_BYTES = 2_000_000;

/** The workspace's IaC text for the "looks managed" check: a plain text search is enough for a warning. */
async function workspaceIacFiles(): Promise<IacFile[]> {
  if (!vscode.workspace.isTrusted) return [];
  const uris = await vscode.workspace.findFiles(IAC_GLOB, IAC_EXCLUDE, MAX_IAC_FILES);
  const files: IacFile[] = [];
  for (const uri of uris) {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > MAX_IAC_FILE_BYTES) continue;
      files.push({ path: vscode.workspace.asRelativePath(uri), text: Buffer.from(bytes).toString('utf8') });
    } catch {
      // A file that vanished or cannot be read is simply not evidence.
    }
  }
  return files;
}

async function openIacLocation(location: IacLocation): Promise<void> {
  const [uri] = await vscode.workspace.findFiles(location.path, undefined, 1);
  const target = uri ?? vscode.Uri.file(location.path);
  const position = new vscode.Position(location.line, location.character);
  await vscode.window.showTextDocument(target, { selection: new vscode.Range(position, position) });
}

export class AddMissingTagsCommand implements vscode.Disposable {
  private readonly registration: vscode.Disposable;
  private readonly reevaluator = new RuleReevaluator();
  /** Test-only: answers the prompts in integration tests. Inert unless set through the TagsightApi. */
  private prompterOverride: Prompter | undefined;
  /** The last outcome, for tests and the log. */
  lastResult: AddMissingTagsResult | undefined;

  constructor(private readonly deps: AddMissingTagsCommandDeps) {
    this.registration = vscode.commands.registerCommand('tagsight.addMissingTags', (argument: unknown) => this.run(argument));
  }

  setPrompterForTests(prompter: Prompter | undefined): void {
    this.prompterOverride = prompter;
  }

  /** The code path every caller uses (tree, palette, watch notification). */
  async run(argument?: unknown): Promise<AddMissingTagsResult | undefined> {
    const prompter = this.prompterOverride ?? vscodePrompter;
    const clients = this.deps.clients();
    if (!clients) {
      prompter.warn('Connect an AWS profile first (Tagsight: Select AWS Profile).');
      return undefined;
    }
    const target = resolveTagTarget(argument, { scan: this.deps.scan(), workspaceRequirements: this.deps.workspaceRequirements() });
    if (!target) {
      prompter.warn('Choose "Add Missing Tags…" on a blind spot or a non-compliant resource in the Findings view.');
      return undefined;
    }
    const readOnly = () => vscode.workspace.getConfiguration('tagsight').get<boolean>('readOnly', false);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Tagsight: adding missing tags', cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return addMissingTags(target, {
          clients,
          prompter,
          readOnly,
          logger: this.deps.logger,
          reevaluator: this.reevaluator,
          iacFiles: workspaceIacFiles,
          openDefinition: openIacLocation,
          accountId: async () => this.deps.scan()?.identity?.accountId,
          signal: controller.signal,
        });
      },
    );
    this.lastResult = result;
    if (result.kind === 'written') this.deps.onWritten?.();
    return result;
  }

  dispose(): void {
    this.registration.dispose();
  }
}
