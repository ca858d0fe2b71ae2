/**
 * Headless Chromium (Debian's, never a downloaded browser) opening code-server's workbench. Every request
 * that is not to 127.0.0.1 is aborted, so nothing reaches the network at test time.
 */
import * as fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.TAGSIGHT_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: install the Debian package 'chromium' (scripts/bootstrap.sh does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function newWorkbenchPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:';
    return local ? route.continue() : route.abort();
  });
  return context.newPage();
}

export interface WorkbenchUrlOptions {
  readonly origin: string;
  readonly folder: string;
  /** Absolute path of an extension to load as under development. */
  readonly extensionDevelopmentPath?: string;
  /** Absolute path of a module exporting run(): the extension host runs it as the test runner. */
  readonly extensionTestsPath?: string;
}

/**
 * code-server's CLI rejects --extensionDevelopmentPath; the browser workbench reads it from the `payload` URL
 * parameter instead, as vscode-remote URIs whose authority is the page's host.
 */
export function workbenchUrl(options: WorkbenchUrlOptions): string {
  const authority = new URL(options.origin).host;
  const remote = (p: string) => `vscode-remote://${authority}${p}`;
  const payload: [string, string][] = [
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  const query = new URLSearchParams({ folder: options.folder, payload: JSON.stringify(payload) });
  return `${options.origin}/?${query.toString()}`;
}

/** Selectors of the real workbench used by the harness, the demo check and screenshot requests. */
export const SELECTORS = {
  workbench: '.monaco-workbench',
  activityBarTagsight: '.activitybar a.action-label[aria-label^="Tagsight"]',
} as const;
