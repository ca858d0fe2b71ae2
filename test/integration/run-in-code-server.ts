/**
 * Runs the integration suites inside a real VS Code extension host: code-server (VS Code 1.100.3's server and
 * browser workbench) on 127.0.0.1 with headless Chromium opening the workbench, one code-server per suite.
 *
 *   node --import tsx test/integration/run-in-code-server.ts [--suite NAME ...] [--grep REGEXP] [--verbose]
 *
 * Exits non-zero when any test fails, a summary is missing, the extension host never starts the suite, or a
 * suite exceeds its time bound. Run `npm run build` first (the suite runs from out/integration/index.js).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser, newWorkbenchPage, workbenchUrl } from './harness/browser';
import { onSignalCleanup } from './harness/cleanup';
import { installVsix, linkWorkingTree, startCodeServer, type RunningCodeServer } from './harness/code-server';
import { INTEGRATION_ENTRY, REPO_ROOT, TEST_RESULTS } from './harness/paths';
import { prepareSuite, type PreparedSuite } from './harness/prepare';
import { startScreenshotServer, type ScreenshotServer } from './harness/screenshot-server';
import { judge, readSummary } from './harness/summary';
import { packageVsix, writeProbeExtension } from './harness/vsix';
import { ENV, STARTED_MARKER, type SuiteSummary } from './protocol';
import { SUITES, findSuite, type SuiteEntry } from './suites';

const USAGE = 'Usage: run-in-code-server.ts [--suite NAME ...] [--grep REGEXP] [--verbose]';
const DEFAULT_SUITE_TIMEOUT_MS = 5 * 60_000;
/** From page load to the first line of the suite; covers a cold workbench on a loaded 2-core machine. */
const EXTENSION_HOST_START_TIMEOUT_MS = 120_000;

interface Options {
  readonly suites: SuiteEntry[];
  readonly verbose: boolean;
  readonly grep?: string;
}

function parseArgs(argv: string[]): Options {
  const names: string[] = [];
  let verbose = false;
  let grep: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--suite') {
      const name = argv[++i];
      if (!name) throw new Error('--suite needs a name');
      names.push(name);
    } else if (arg?.startsWith('--suite=')) names.push(arg.slice('--suite='.length));
    else if (arg === '--verbose' || arg === '-v') verbose = true;
    else if (arg === '--grep') {
      grep = argv[++i];
      if (!grep) throw new Error('--grep needs a pattern');
    } else throw new Error(`Unknown argument ${arg}. ${USAGE}`);
  }
  const suites = names.length
    ? names.map((name) => {
        const entry = findSuite(name);
        if (!entry) throw new Error(`Unknown suite '${name}'. Known: ${SUITES.map((s) => s.name).join(', ')}`);
        return entry;
      })
    : [...SUITES];
  return { suites, verbose, ...(grep ? { grep } : {}) };
}

interface SuiteResult {
  readonly name: string;
  readonly failure?: string;
  readonly summary?: SuiteSummary;
  readonly seconds: number;
}

function say(message: string): void {
  process.stdout.write(`[integration] ${message}\n`);
}

async function runSuite(entry: SuiteEntry, verbose: boolean, grep: string | undefined): Promise<SuiteResult> {
  const started = Date.now();
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
    prepared = await prepareSuite(entry);
    shots = await startScreenshotServer(TEST_RESULTS);
    const env = { ...prepared.env, [ENV.screenshotUrl]: shots.url, [ENV.uiActionUrl]: shots.actionUrl, ...(grep ? { [ENV.grep]: grep } : {}) };

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

    server = await startCodeServer({ ...prepared, env, logFile });
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
    if (failure) return { name: entry.name, failure: `${failure}; code-server log: ${logFile}`, seconds: seconds() };

    const { summary, problem } = readSummary(prepared.summaryPath);
    const verdict = problem ?? judge(summary, code);
    return { name: entry.name, ...(summary ? { summary } : {}), ...(verdict ? { failure: verdict } : {}), seconds: seconds() };
  } catch (error) {
    return { name: entry.name, failure: error instanceof Error ? error.message : String(error), seconds: seconds() };
  } finally {
    await teardown();
    forgetTeardown();
  }
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const results: SuiteResult[] = [];
  for (const entry of options.suites) {
    say(`suite ${entry.name}${entry.scenario ? ` (emulator scenario ${entry.scenario})` : ''}`);
    const result = await runSuite(entry, options.verbose, options.grep);
    results.push(result);
    say(`${entry.name}: ${result.failure ? `FAILED: ${result.failure}` : 'passed'} in ${result.seconds} s`);
  }
  say('summary:');
  for (const result of results) {
    const counts = result.summary ? `${result.summary.passes} passed, ${result.summary.failures} failed` : 'no results';
    say(`  ${result.failure ? 'FAIL' : 'ok  '} ${result.name.padEnd(20)} ${counts}, ${result.seconds} s${result.failure ? ` (${result.failure})` : ''}`);
  }
  // The plain closing line CI reads: a suite that never reported counts as one failure.
  const passed = results.reduce((sum, result) => sum + (result.summary?.passes ?? 0), 0);
  const failed = results.reduce((sum, result) => sum + (result.summary ? result.summary.failures : 1), 0);
  process.stdout.write(`integration: ${passed} passed, ${failed} failed\n`);
  return results.some((result) => result.failure) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`[integration] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
