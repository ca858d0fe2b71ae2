/**
 * `npm start`: the demo. Starts the local AWS emulator with the incident's account, copies demo/workspace to a
 * scratch folder, and serves VS Code in the browser (code-server on 127.0.0.1) with Tagsight under development
 * pointed at the emulator. Prints the URL, runs until Ctrl-C, then removes everything it created.
 *
 *   npm start                 the demo
 *   npm start -- --check      start it all, check in headless Chromium that Tagsight activates, scans the demo
 *                             account and flags the demo Terraform, print OK and exit (npm run test:demo: the
 *                             test that keeps the demo from rotting)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { SELECTORS, launchBrowser, newWorkbenchPage, workbenchUrl } from '../test/integration/harness/browser';
import { onSignalCleanup } from '../test/integration/harness/cleanup';
import {
  BASE_SETTINGS,
  linkWorkingTree,
  startCodeServer,
  writeSettings,
  type RunningCodeServer,
} from '../test/integration/harness/code-server';
import { awsEnvironment, emulatorAvailable, startEmulatorScenario, type EmulatorHandle } from '../test/integration/harness/emulator';
import { REPO_ROOT, TEST_RESULTS } from '../test/integration/harness/paths';

const SCENARIO = 'incident';
const CHECK_TIMEOUT_MS = 90_000;
const WORKSPACE_NAME = 'tagsight-demo';
const DEMO_PROFILE = 'tagsight-demo';

function say(message: string): void {
  process.stdout.write(`[demo] ${message}\n`);
}

async function check(url: string, expectAccount: boolean): Promise<void> {
  const browser = await launchBrowser();
  let page: Page | undefined;
  try {
    page = await newWorkbenchPage(browser);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: CHECK_TIMEOUT_MS });
    const entry = page.locator(SELECTORS.activityBarTagsight).first();
    await entry.waitFor({ state: 'visible', timeout: CHECK_TIMEOUT_MS });
    await entry.click();
    // Both views of the container render: the extension's manifest was loaded from the working tree.
    for (const view of ['Coverage', 'Findings']) {
      await page.locator(`.sidebar .pane-header[aria-label^="${view}"]`).first().waitFor({ state: 'visible', timeout: CHECK_TIMEOUT_MS });
    }
    // The demo workspace is the open folder (the window title names it).
    await page.waitForFunction(`document.title.includes(${JSON.stringify(WORKSPACE_NAME)})`, undefined, { timeout: CHECK_TIMEOUT_MS });
    if (expectAccount) {
      // Connected to the demo profile at startup: the Coverage view lists the account's regions.
      const coverageRows = page.locator('.sidebar .pane:has(.pane-header[aria-label^="Coverage"]) .monaco-list-row');
      await coverageRows.first().waitFor({ state: 'visible', timeout: CHECK_TIMEOUT_MS });
      // ... and finishes the scan: no "Scanning…" row is left in either view.
      await page
        .locator('.sidebar .monaco-list-row', { hasText: 'Scanning' })
        .first()
        .waitFor({ state: 'detached', timeout: CHECK_TIMEOUT_MS });
      await coverageRows.nth(2).waitFor({ state: 'visible', timeout: CHECK_TIMEOUT_MS });
      // The untagged bucket in the demo's Terraform gets its diagnostic.
      await page.keyboard.press('Control+P');
      await page.keyboard.type('main.tf');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'main.tf' }).first().waitFor({ timeout: CHECK_TIMEOUT_MS });
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'visible', timeout: CHECK_TIMEOUT_MS });
      await page.mouse.move(800, 200);
      fs.mkdirSync(TEST_RESULTS, { recursive: true });
      await page.screenshot({ path: path.join(TEST_RESULTS, 'demo-coverage.png') });
    }
    // Tagsight activated: its log, opened the way a user would, says so.
    await page.keyboard.press('F1');
    await page.keyboard.type('Tagsight: Open Log');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Tagsight: Open Log' })
      .first()
      .waitFor({ timeout: CHECK_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    const activated = page.locator('.panel .view-lines', { hasText: /Tagsight.+activated/ });
    const failed = page.locator('.notifications-toasts', { hasText: 'Tagsight failed to start' });
    await activated.or(failed).first().waitFor({ timeout: CHECK_TIMEOUT_MS });
    if (await failed.count()) throw new Error(`Tagsight did not activate: ${(await failed.first().innerText()).split('\n')[0]}`);
    fs.mkdirSync(TEST_RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(TEST_RESULTS, 'demo-check.png') });
  } catch (error) {
    await page?.screenshot({ path: path.join(TEST_RESULTS, 'demo-check-failed.png') }).catch(() => undefined);
    throw error;
  } finally {
    await browser.close();
  }
}

/**
 * The demo's ~/.aws, as a user of a local AWS emulator would write it: one profile with the emulator's dummy keys
 * and its `endpoint_url` (or a closed local port when there is no emulator, so nothing can reach real AWS).
 */
function writeDemoProfile(homeDir: string, endpoint: string | undefined): void {
  const { AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: secret, AWS_ENDPOINT_URL: endpointUrl } = awsEnvironment(endpoint);
  const aws = path.join(homeDir, '.aws');
  fs.mkdirSync(aws, { recursive: true });
  fs.writeFileSync(path.join(aws, 'config'), `[profile ${DEMO_PROFILE}]\nregion = us-east-1\nendpoint_url = ${endpointUrl}\n`);
  fs.writeFileSync(path.join(aws, 'credentials'), `[${DEMO_PROFILE}]\naws_access_key_id = ${key}\naws_secret_access_key = ${secret}\n`);
}

async function main(): Promise<number> {
  const checkOnly = process.argv.includes('--check');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tagsight-demo-'));
  let emulator: EmulatorHandle | undefined;
  let server: RunningCodeServer | undefined;
  let stopped: Promise<void> | undefined;
  const teardown = () =>
    (stopped ??= (async () => {
      await server?.stop();
      await emulator?.close().catch(() => undefined);
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    })());
  const forget = onSignalCleanup(async () => {
    say('stopping…');
    await teardown();
  });
  try {
    if (emulatorAvailable()) {
      emulator = await startEmulatorScenario(SCENARIO);
      say(`AWS emulator (scenario '${SCENARIO}') at ${emulator.endpoint}`);
    } else {
      say('the AWS emulator (src/emulator) is not built yet: the views show what exists without an account');
    }
    const workspace = path.join(root, WORKSPACE_NAME);
    fs.cpSync(path.join(REPO_ROOT, 'demo', 'workspace'), workspace, { recursive: true });
    const dirs = { userDataDir: path.join(root, 'ud'), extensionsDir: path.join(root, 'ext'), homeDir: path.join(root, 'home') };
    // A profile, as a user would have one, chosen in the user's settings: Tagsight connects to it at startup.
    writeDemoProfile(dirs.homeDir, emulator?.endpoint);
    writeSettings(dirs.userDataDir, { ...BASE_SETTINGS, 'tagsight.aws.profile': DEMO_PROFILE });
    server = await startCodeServer({
      ...dirs,
      // No AWS variable at all: the profile alone says where calls go and with which keys, as for a user. The
      // extension host's default chain then finds no credentials instead of reaching for real AWS.
      env: { AWS_EC2_METADATA_DISABLED: 'true' },
      logFile: path.join(root, 'code-server.log'),
    });
    const url = workbenchUrl({ origin: server.origin, folder: workspace, extensionDevelopmentPath: linkWorkingTree(root) });
    if (checkOnly) {
      await check(url, Boolean(emulator));
      const shots = emulator ? 'test-results/demo-coverage.png, test-results/demo-check.png' : 'test-results/demo-check.png';
      say(
        `OK: the workbench loads with Tagsight${emulator ? ', which scans the demo account and flags main.tf' : ''} (screenshots: ${shots})`,
      );
      return 0;
    }
    say(`workspace: ${workspace}`);
    say(`Tagsight connects to the AWS profile '${DEMO_PROFILE}', which points at the emulator; click Tagsight in the activity bar`);
    say(`open this URL in a browser (Ctrl-C stops the demo):\n\n  ${url}\n`);
    const how = await server.exited;
    if (stopped) return 0; // Ctrl-C: the signal handler is cleaning up
    say(`code-server ended unexpectedly (${how})`);
    return 1;
  } finally {
    forget();
    await teardown();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`[demo] failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
