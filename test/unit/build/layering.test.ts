/**
 * The layers of src/ are a lint rule (eslint.config.mjs): this runs ESLint's Node API on small in-memory files
 * placed in each folder and checks the rule rejects every cross-layer import and accepts the legal ones.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const RULE = '@typescript-eslint/no-restricted-imports';

// The files do not exist, so the project service cannot give them types: the type-aware rules are off here,
// the layer rules are exactly as configured.
const eslint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

async function layerErrors(file: string, importLine: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${importLine}\nexport const used = [value];\n`, { filePath: path.join(REPO_ROOT, file) });
  const messages = result?.messages ?? [];
  const fatal = messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `${file} parsed`);
  return messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const value = (from: string) => `import { value } from '${from}';`;
const typeOnly = (from: string) => `import type { Value } from '${from}';\nconst value: Value | undefined = undefined;`;

/** [file, import, allowed] */
const CASES: ReadonlyArray<readonly [string, string, boolean]> = [
  ['src/core/x.ts', value('./regions'), true],
  ['src/core/x.ts', value('../aws/clients'), false],
  ['src/core/x.ts', value('../app/tagging/add-missing-tags'), false],
  ['src/core/x.ts', value('node:fs'), false],
  ['src/core/x.ts', value('@aws-sdk/client-s3'), false],
  ['src/aws/x.ts', value('../core/regions'), true],
  ['src/aws/x.ts', value('../analyzers/registry'), false],
  ['src/aws/x.ts', value('../report/code-json'), false],
  ['src/analyzers/terraform/x.ts', value('../../core/range'), true],
  ['src/analyzers/terraform/x.ts', value('../line-index'), true],
  ['src/analyzers/terraform/x.ts', value('../../aws/clients'), false],
  ['src/analyzers/terraform/x.ts', value('../../report/code-json'), false],
  ['src/analyzers/terraform/x.ts', value('node:fs'), false],
  ['src/analyzers/terraform/x.ts', value('@aws-sdk/client-s3'), false],
  ['src/analyzers/parser-runtime.ts', value('node:fs'), true],
  ['src/report/x.ts', value('../core/code-finding'), true],
  ['src/report/x.ts', value('../analyzers/registry'), false],
  ['src/report/x.ts', value('../app/tagging/add-missing-tags'), false],
  ['src/emulator/services/x.ts', typeOnly('../../core/clock'), true],
  ['src/emulator/services/x.ts', value('../../core/clock'), false],
  ['src/emulator/services/x.ts', value('../../core/xml-escape'), true],
  ['src/emulator/services/x.ts', value('../model/world'), true],
  ['src/emulator/services/x.ts', value('../../aws/clients'), false],
  ['src/app/tagging/x.ts', value('../../aws/s3-tagging'), true],
  ['src/app/tagging/x.ts', value('../../core/tag-merge'), true],
  ['src/app/tagging/x.ts', value('../../vscode/common/settings'), false],
  ['src/app/tagging/x.ts', value('../../cli/io'), false],
  ['src/app/tagging/x.ts', value('../../emulator'), false],
  ['src/cli/commands/x.ts', value('../../app/tagging/add-missing-tags'), true],
  ['src/cli/commands/x.ts', value('../../emulator'), true],
  ['src/cli/commands/x.ts', value('../../vscode/extension'), false],
  ['src/vscode/account/x.ts', value('../../app/tagging/add-missing-tags'), true],
  ['src/vscode/account/x.ts', value('../common/settings'), true],
  ['src/vscode/account/x.ts', value('vscode'), true],
  ['src/vscode/account/x.ts', value('../../cli/io'), false],
];

describe('layering lint rule', function () {
  this.timeout(120_000);

  for (const [file, importLine, allowed] of CASES) {
    const from = /'([^']+)'/.exec(importLine)?.[1];
    const kind = importLine.startsWith('import type') ? 'a type from' : 'from';
    it(`${allowed ? 'accepts' : 'rejects'} in ${file} an import ${kind} ${from}`, async () => {
      const errors = await layerErrors(file, importLine);
      if (allowed) assert.deepEqual(errors, []);
      else assert.equal(errors.length, 1, `one layer error, got ${JSON.stringify(errors)}`);
    });
  }

  for (const file of [
    'src/core/x.ts',
    'src/aws/x.ts',
    'src/analyzers/x.ts',
    'src/report/x.ts',
    'src/emulator/x.ts',
    'src/app/x.ts',
    'src/cli/x.ts',
    'test/unit/x.test.ts',
  ]) {
    it(`rejects importing vscode in ${file}`, async () => {
      const errors = await layerErrors(file, "import * as value from 'vscode';");
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.match(errors[0]!, /Only src\/vscode\/ may import 'vscode'/);
    });
  }
});
