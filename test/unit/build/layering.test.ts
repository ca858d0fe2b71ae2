/** Only src/vscode may import 'vscode': the lint rule that says so must keep saying it. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const STRAY_IMPORT = "import * as vscode from 'vscode';\nexport const kind = vscode.window;\n";

async function restrictedImportErrors(file: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const [result] = await eslint.lintText(STRAY_IMPORT, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rule', function () {
  this.timeout(60_000);

  for (const file of ['src/core/x.ts', 'src/aws/x.ts', 'src/analyzers/x.ts', 'src/cli/x.ts', 'src/emulator/x.ts', 'test/unit/x.test.ts']) {
    it(`rejects importing vscode in ${file}`, async () => {
      assert.equal((await restrictedImportErrors(file)).length, 1);
    });
  }

  it('allows importing vscode in src/vscode', async () => {
    assert.deepEqual(await restrictedImportErrors('src/vscode/x.ts'), []);
  });
});
