/**
 * Everything a suite run needs besides the VS Code that runs it (shared by the code-server and desktop runners):
 * a temp copy of the fixture workspace, isolated user data, the emulator when the suite names a scenario, and
 * the environment the extension host gets.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ENV } from '../protocol';
import type { SuiteEntry } from '../suites';
import { BASE_SETTINGS, writeSettings, type CodeServerDirs } from './code-server';
import { awsEnvironment, startEmulatorScenario, type EmulatorHandle } from './emulator';
import { FIXTURES, TEST_RESULTS } from './paths';

export interface PreparedSuite extends CodeServerDirs {
  readonly entry: SuiteEntry;
  /** The temp folder holding everything below; removed by dispose(). */
  readonly root: string;
  /** The temp copy of the fixture: the folder the workbench opens. */
  readonly workspace: string;
  readonly summaryPath: string;
  readonly env: Record<string, string>;
  readonly emulator?: EmulatorHandle;
  dispose(): Promise<void>;
}

export interface PrepareOptions {
  /** Open this folder as it is instead of a temp copy of the fixture (not removed by dispose()). */
  readonly workspace?: string;
  /** Reuse these folders (not removed by dispose()): what VS Code stored in a previous run stays. */
  readonly dirs?: CodeServerDirs;
  /** Settings over the suite's own. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

export async function prepareSuite(entry: SuiteEntry, options: PrepareOptions = {}): Promise<PreparedSuite> {
  const fixture = path.join(FIXTURES, entry.fixture);
  if (!options.workspace && !fs.statSync(fixture, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`Suite '${entry.name}': fixture folder ${path.relative(process.cwd(), fixture)} does not exist`);
  }
  // Short prefix: code-server puts a unix socket (108-byte path limit) into the user data dir.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `ts-${entry.name.slice(0, 12)}-`));
  let emulator: EmulatorHandle | undefined;
  try {
    const workspace = options.workspace ?? path.join(root, 'ws', entry.fixture);
    if (!options.workspace) fs.cpSync(fixture, workspace, { recursive: true });
    const dirs: CodeServerDirs = options.dirs ?? {
      userDataDir: path.join(root, 'ud'),
      extensionsDir: path.join(root, 'ext'),
      homeDir: path.join(root, 'home'),
    };
    for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
    writeSettings(dirs.userDataDir, { ...BASE_SETTINGS, ...entry.settings, ...options.settings });
    if (entry.scenario) emulator = await startEmulatorScenario(entry.scenario);
    const summaryPath = path.join(root, 'summary.json');
    fs.mkdirSync(TEST_RESULTS, { recursive: true });
    const env: Record<string, string> = {
      [ENV.suite]: entry.name,
      [ENV.summary]: summaryPath,
      [ENV.results]: TEST_RESULTS,
      ...(emulator ? { [ENV.emulatorEndpoint]: emulator.endpoint } : {}),
      ...awsEnvironment(emulator?.endpoint),
    };
    const handle = emulator;
    return {
      entry,
      root,
      workspace,
      summaryPath,
      env,
      ...dirs,
      ...(handle ? { emulator: handle } : {}),
      dispose: async () => {
        await handle?.close().catch(() => undefined);
        fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
      },
    };
  } catch (error) {
    await emulator?.close().catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
