/** settings.ts is the only reader of settings: the lint rule that says so must keep saying it. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const RAW_READ =
  "import * as vscode from 'vscode';\nexport const severity = vscode.workspace.getConfiguration('tagsight').get('diagnostics.severity');\n";

async function settingsReaderErrors(file: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const [result] = await eslint.lintText(RAW_READ, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('settings reader lint rule', function () {
  this.timeout(60_000);

  it('rejects getConfiguration outside settings.ts', async () => {
    assert.equal((await settingsReaderErrors('src/vscode/code-checks/diagnostics.ts')).length, 1);
  });

  it('allows it in settings.ts', async () => {
    assert.deepEqual(await settingsReaderErrors('src/vscode/common/settings.ts'), []);
  });
});
