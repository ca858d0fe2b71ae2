import * as vscode from 'vscode';
import { cloudFormationPatternForOrganizationsType } from '../../analyzers/taggable-types';
import type { Logger } from '../../core/logger';
import { type PolicyFileError, parsePolicyFile } from '../../core/policy-file';
import { isPolicyMissing, mergePolicySources, requiredTagsFromSetting } from '../../core/policy-sources';
import type { RequiredTag, TagPolicy } from '../../core/tag-policy';
import { decodeText } from '../../core/text-decoding';
import { toVsRange } from '../common/convert';
import type { RuleCode } from '../common/rule-code';
import { readResourceSettings, readSettings } from '../common/settings';

/**
 * The workspace's tag policy, from its four sources in order: the policy file (watched, re-read on change),
 * the `tagsight.requiredTags` setting, the connected account's REQUIRED_TAGS rules (pushed in through
 * setAccountRequirements) and the organization's tag policy (setOrganizationsRequirements). The two account
 * sources count only while `tagsight.useAccountRules` is on. A malformed policy file is a diagnostic on that file at the error's position.
 * In an untrusted workspace the policy file is not read (the manifest restricts the settings that point at it).
 */
export class PolicyService implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TagPolicy>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly policyDiagnostics = vscode.languages.createDiagnosticCollection('tagsight-policy');
  private fileRequirements: RequiredTag[] = [];
  private settingRequirements: RequiredTag[] = [];
  private accountRequirements: RequiredTag[] = [];
  private organizationsRequirements: RequiredTag[] = [];
  private watcher: vscode.FileSystemWatcher | undefined;
  private current: TagPolicy = { requirements: [] };
  private readonly missingNotice: vscode.StatusBarItem;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly logger: Logger,
    private readonly ruleCode: RuleCode,
  ) {
    this.missingNotice = vscode.window.createStatusBarItem('tagsight.policy', vscode.StatusBarAlignment.Left, 0);
    this.missingNotice.name = 'Tagsight tag policy';
    this.missingNotice.text = '$(tag) No tag policy';
    this.missingNotice.tooltip =
      'Tagsight found no tag policy: no policy file, no tagsight.requiredTags, no account rules. Tag checks are off; other checks run.';
    this.missingNotice.command = { title: 'Open settings', command: 'workbench.action.openSettings', arguments: ['tagsight.requiredTags'] };
    this.disposables.push(
      this.emitter,
      this.policyDiagnostics,
      this.missingNotice,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('tagsight.policyFile')) void this.reload({ rewatch: true });
        else if (event.affectsConfiguration('tagsight.requiredTags') || event.affectsConfiguration('tagsight.useAccountRules'))
          void this.reload({ rewatch: false });
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload({ rewatch: true })),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload({ rewatch: true })),
    );
  }

  get policy(): TagPolicy {
    return this.current;
  }

  get policyMissing(): boolean {
    return isPolicyMissing(this.current);
  }

  /** Resolves once the first read is done. */
  start(): Promise<void> {
    return this.reload({ rewatch: true });
  }

  /** The account-scan hook: the connected account's REQUIRED_TAGS requirements (empty when disconnected). */
  setAccountRequirements(requirements: readonly RequiredTag[]): void {
    // Scans report progress often; re-check the workspace only when the account's requirements really change.
    if (JSON.stringify(requirements) === JSON.stringify(this.accountRequirements)) return;
    this.accountRequirements = [...requirements];
    this.publish();
  }

  /** The organization's required tags as the connected account reads them (empty when disconnected or not allowed). */
  setOrganizationsRequirements(requirements: readonly RequiredTag[]): void {
    if (JSON.stringify(requirements) === JSON.stringify(this.organizationsRequirements)) return;
    this.organizationsRequirements = [...requirements];
    this.publish();
  }

  private policyFileUris(): vscode.Uri[] {
    const folders = vscode.workspace.workspaceFolders ?? [];
    return folders.map((folder) => {
      const relative = readResourceSettings(folder).policyFile;
      return vscode.Uri.joinPath(folder.uri, relative);
    });
  }

  reload(options: { rewatch: boolean }): Promise<void> {
    this.reading = this.reading.then(() => this.read(options)).catch((error) => this.logger.error('Reading the tag policy failed', error));
    return this.reading;
  }

  private async read(options: { rewatch: boolean }): Promise<void> {
    const trusted = vscode.workspace.isTrusted;
    if (options.rewatch) {
      this.watcher?.dispose();
      this.watcher = undefined;
      const first = this.policyFileUris()[0];
      if (trusted && first) {
        const folder = vscode.workspace.getWorkspaceFolder(first);
        const pattern = folder ? new vscode.RelativePattern(folder, vscode.workspace.asRelativePath(first, false)) : first.fsPath;
        this.watcher = vscode.workspace.createFileSystemWatcher(pattern);
        const reread = () => void this.reload({ rewatch: false });
        this.watcher.onDidChange(reread);
        this.watcher.onDidCreate(reread);
        this.watcher.onDidDelete(reread);
      }
    }
    this.policyDiagnostics.clear();
    this.fileRequirements = [];
    if (trusted) {
      for (const uri of this.policyFileUris()) {
        let text: string;
        try {
          const decoded = decodeText(await vscode.workspace.fs.readFile(uri));
          // An undecodable policy file reads as empty text: its parse error says it holds no policy.
          text = decoded.ok ? decoded.text : '';
        } catch {
          continue;
        }
        const name = vscode.workspace.asRelativePath(uri, false);
        const parsed = parsePolicyFile(text, name, { resolveType: cloudFormationPatternForOrganizationsType });
        this.policyDiagnostics.set(uri, [
          ...parsed.errors.map((error) => this.diagnostic(error, vscode.DiagnosticSeverity.Error)),
          ...parsed.warnings.map((warning) => this.diagnostic(warning, vscode.DiagnosticSeverity.Warning)),
        ]);
        if (parsed.errors.length > 0)
          this.logger.warn(`The tag policy ${name} has ${parsed.errors.length} error(s); its valid entries are used.`);
        this.fileRequirements.push(...parsed.policy.requirements);
      }
    }
    const setting = requiredTagsFromSetting(readResourceSettings(null).requiredTags);
    for (const problem of setting.problems) this.logger.warn(problem);
    this.settingRequirements = setting.requirements;
    this.publish();
  }

  private diagnostic(error: PolicyFileError, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(toVsRange(error.range), error.message, severity);
    diagnostic.source = 'Tagsight';
    diagnostic.code = this.ruleCode('tagsight.policy-error');
    return diagnostic;
  }

  private publish(): void {
    const useAccount = readSettings().useAccountRules;
    this.current = mergePolicySources({
      policyFile: this.fileRequirements,
      setting: this.settingRequirements,
      ...(useAccount ? { account: this.accountRequirements, organizations: this.organizationsRequirements } : {}),
    });
    if (this.policyMissing) {
      // Said once, as a status: not a toast per file.
      this.missingNotice.show();
      this.logger.info('No tag policy: tag checks are off until a policy file, tagsight.requiredTags or account rules exist.');
    } else {
      this.missingNotice.hide();
    }
    this.emitter.fire(this.current);
  }

  dispose(): void {
    this.watcher?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
