/**
 * One integration suite in a real code-server: prepare its workspace and user data, start code-server and headless
 * Chromium, open the workbench with the extension under development and the suite's runner, wait for the summary,
 * and tear everything down on every path. Used by run-in-code-server.ts and by benchmarks that measure inside the
 * real editor (test/bench/editor.bench.ts), which may bring their own workspace and keep user data between runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { ENV, STARTED_MARKER, type SuiteSummary } from '../protocol';
import type { SuiteEntry } from '../suites';
import { launchBrowser, newWorkbenchPage, workbenchUrl } from './browser';
import { onSignalCleanup } from './cleanup';
import { installVsix, linkWorkingTree, startCodeServer, type CodeServerDirs, type RunningCodeServer } from './code-server';
import { INTEGRATION_ENTRY, REPO_ROOT, TEST_RESULTS } from './paths';
import { prepareSuite, type PreparedSuite } from './prepare';
import { startScreenshotServer, type ScreenshotServer } from './screenshot-server';
import { judge, readSummary } from './summary';
import { packageVsix, writeProbeExtension } from './vsix';

const DEFAULT_SUITE_TIMEOUT_MS = 5 * 60_000;
/** From page load to the first line of the suite; covers a cold workbench on a loaded 2-core machine. */
const EXTENSION_HOST_START_TIMEOUT_MS = 120_000;

export interface RunSuiteOptions {
  readonly verbose?: boolean;
  readonly grep?: string;
  /** Open this folder as it is (not a copy of the fixture; left in place afterwards). */
  readonly workspace?: string;
  /** Reuse these user data, extensions and HOME folders (left in place afterwards): a reopened workspace. */
  readonly dirs?: CodeServerDirs;
  /** Settings over the suite's own for this run. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** More environment for the extension host. */
  readonly env?: Readonly<Record<string, string>>;
  /** code-server's port (default: a free one); a reopening run passes the previous run's `port`. */
  readonly port?: number;
}

function say(message: string): void {
  process.stdout.write(`[integration] ${message}\n`);
}

export interface SuiteResult {
  readonly name: string;
  readonly failure?: string;
  readonly summary?: SuiteSummary;
  readonly seconds: number;
  /** The port code-server listened on. */
  readonly port?: number;
}

export async function runSuite(entry: SuiteEntry, options: RunSuiteOptions = {}): Promise<SuiteResult> {
  const verbose = options.verbose ?? false;
  const grep = options.grep;
  const started = Date.now();
  let port: number | undefined;
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  const logFile = path.join(TEST_RESULTS, 'logs', `${entry.name}-code-server.log`);
  fs.rmSync(logFile, { force: true });
  let prepared: PreparedSuite | undefined;
  let shots: ScreenshotServer | undefined;
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  const teardown = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await shots?.close();
    await prepared?.dispose();
  };
  const forgetTeardown = onSignalCleanup(teardown);
  try {
    prepared = await prepareSuite(entry, options);
    shots = await startScreenshotServer(TEST_RESULTS);
    const env = {
      ...prepared.env,
      ...options.env,
      [ENV.screenshotUrl]: shots.url,
      [ENV.uiActionUrl]: shots.actionUrl,
      ...(grep ? { [ENV.grep]: grep } : {}),
    };

    let extensionDevelopmentPath: string;
    if (entry.extension === 'vsix') {
      const { vsix, files } = await packageVsix(path.join(prepared.root, 'vsix'));
      say(`${entry.name}: packaged ${path.basename(vsix)} (${files.length} files: ${files.join(', ')})`);
      const output = await installVsix(vsix, prepared);
      if (verbose) say(output.trim());
      extensionDevelopmentPath = writeProbeExtension(path.join(prepared.root, 'probe'));
    } else {
      extensionDevelopmentPath = linkWorkingTree(prepared.root);
    }
    if (!fs.existsSync(INTEGRATION_ENTRY)) throw new Error(`${path.relative(REPO_ROOT, INTEGRATION_ENTRY)} is missing: run npm run build`);

    server = await startCodeServer({ ...prepared, env, logFile, ...(options.port ? { port: options.port } : {}) });
    port = server.port;
    browser = await launchBrowser();
    const page = await newWorkbenchPage(browser);
    shots.setPage(page);

    let extensionHostStarted = false;
    let settle: (outcome: { code?: number; failure?: string }) => void = () => undefined;
    const outcome = new Promise<{ code?: number; failure?: string }>((resolve) => {
      settle = resolve;
    });
    // The workbench forwards the extension host's console here (mocha's reporter prints printf-style).
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (line.includes(STARTED_MARKER)) extensionHostStarted = true;
      // Before the suite starts, the workbench's own chatter is noise unless it is an error or asked for.
      if (type === 'error') process.stderr.write(`${line}\n`);
      else if (extensionHostStarted || verbose) process.stdout.write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => settle({ code }));
    page.on('crash', () => settle({ failure: 'the browser page crashed' }));
    if (verbose) page.on('console', (message) => say(`[browser ${message.type()}] ${message.text()}`));

    const url = workbenchUrl({
      origin: server.origin,
      folder: prepared.workspace,
      extensionDevelopmentPath,
      extensionTestsPath: INTEGRATION_ENTRY,
    });
    say(`${entry.name}: ${server.origin} opening ${path.basename(prepared.workspace)}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    const timers: NodeJS.Timeout[] = [
      setTimeout(() => {
        if (!extensionHostStarted) {
          settle({ failure: `the extension host did not start the suite within ${EXTENSION_HOST_START_TIMEOUT_MS / 1000} s` });
        }
      }, EXTENSION_HOST_START_TIMEOUT_MS),
      setTimeout(
        () => settle({ failure: `the suite did not finish within ${(entry.timeoutMs ?? DEFAULT_SUITE_TIMEOUT_MS) / 1000} s` }),
        entry.timeoutMs ?? DEFAULT_SUITE_TIMEOUT_MS,
      ),
    ];
    void server.exited.then((how) => settle({ failure: `code-server ended during the suite (${how})` }));
    const { code, failure } = await outcome;
    for (const timer of timers) clearTimeout(timer);
    if (failure)
      return { name: entry.name, failure: `${failure}; code-server log: ${logFile}`, seconds: seconds(), ...(port ? { port } : {}) };

    const { summary, problem } = readSummary(prepared.summaryPath);
    const verdict = problem ?? judge(summary, code);
    return {
      name: entry.name,
      ...(summary ? { summary } : {}),
      ...(verdict ? { failure: verdict } : {}),
      seconds: seconds(),
      ...(port ? { port } : {}),
    };
  } catch (error) {
    return {
      name: entry.name,
      failure: error instanceof Error ? error.message : String(error),
      seconds: seconds(),
      ...(port ? { port } : {}),
    };
  } finally {
    await teardown();
    forgetTeardown();
  }
}
