/**
 * Runs the same integration suites in desktop VS Code through @vscode/test-electron, for machines that can
 * download VS Code (CI here cannot: it uses run-in-code-server.ts). No browser drives the window, so
 * screenshot() returns undefined and uiAction() false; everything else (fixtures, emulator, summary, exit code)
 * is the same.
 *
 *   npm run build && node --import tsx test/integration/run-in-desktop.ts [--suite NAME ...]
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { INTEGRATION_ENTRY, REPO_ROOT } from './harness/paths';
import { prepareSuite } from './harness/prepare';
import { judge, readSummary } from './harness/summary';
import { SUITES, findSuite, type SuiteEntry } from './suites';

/** The oldest VS Code that engines.vscode allows, like the code-server runner (1.100.3). */
const VSCODE_VERSION = '1.100.3';

function selectedSuites(argv: string[]): SuiteEntry[] {
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--suite' && argv[i + 1]) names.push(argv[++i] as string);
    else throw new Error(`Unknown argument ${argv[i]}. Usage: run-in-desktop.ts [--suite NAME ...]`);
  }
  // The vsix suite needs code-server's --install-extension; in desktop VS Code, install the .vsix by hand.
  if (!names.length) return SUITES.filter((suite) => suite.extension !== 'vsix');
  return names.map((name) => {
    const entry = findSuite(name);
    if (!entry) throw new Error(`Unknown suite '${name}'. Known: ${SUITES.map((s) => s.name).join(', ')}`);
    if (entry.extension === 'vsix') throw new Error(`Suite '${name}' runs only in code-server`);
    return entry;
  });
}

async function runSuite(entry: SuiteEntry): Promise<string | undefined> {
  const prepared = await prepareSuite(entry);
  try {
    const exitCode = await runTests({
      version: VSCODE_VERSION,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: INTEGRATION_ENTRY,
      extensionTestsEnv: { ...prepared.env, HOME: prepared.homeDir },
      launchArgs: [
        prepared.workspace,
        '--user-data-dir',
        prepared.userDataDir,
        '--extensions-dir',
        prepared.extensionsDir,
        '--disable-workspace-trust',
        '--disable-extensions',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    }).catch((error: unknown) => {
      // A failed download or launch: say why, then let the missing summary fail the suite.
      console.error(`[desktop] ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    });
    const { summary, problem } = readSummary(prepared.summaryPath);
    return problem ?? judge(summary, exitCode);
  } finally {
    await prepared.dispose();
  }
}

async function main(): Promise<number> {
  let failed = false;
  for (const entry of selectedSuites(process.argv.slice(2))) {
    console.log(`[desktop] suite ${entry.name} (${path.relative(REPO_ROOT, INTEGRATION_ENTRY)})`);
    const failure = await runSuite(entry).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    console.log(`[desktop] ${entry.name}: ${failure ? `FAILED: ${failure}` : 'passed'}`);
    failed ||= Boolean(failure);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`[desktop] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
