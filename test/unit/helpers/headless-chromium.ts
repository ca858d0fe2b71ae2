import { existsSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';

/**
 * One offline page in headless Chromium (Debian's, never a downloaded one) for unit tests of our HTML: requests
 * the test does not allow are aborted and recorded, and console complaints about the Content-Security-Policy are
 * collected, so a test asserts both lists are empty. The browser is closed however the test ends.
 */
export const CHROMIUM_PATH = process.env.TAGSIGHT_CHROMIUM ?? '/usr/bin/chromium';

/** Generous for two shared cores, yet well inside the tests' own timeouts, so a stuck launch fails by name. */
const LAUNCH_TIMEOUT_MS = 30_000;

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface OfflinePageOptions {
  readonly viewport: { readonly width: number; readonly height: number };
  /** Whether a request may go through; every other one is aborted and listed in `blocked`. */
  allow(url: string): boolean;
  /** Extra Chromium switches. */
  readonly args?: readonly string[];
}

export interface OfflinePage {
  readonly page: Page;
  /** URLs of aborted requests, in order. */
  readonly blocked: readonly string[];
  /** Console messages in which Chromium refused something under the page's CSP. */
  readonly cspViolations: readonly string[];
}

export async function withOfflinePage<T>(options: OfflinePageOptions, test: (page: OfflinePage) => Promise<T>): Promise<T> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install Debian's package (apt-get install chromium) or set TAGSIGHT_CHROMIUM to a Chromium binary.`,
    );
  }
  const browser = await chromium
    .launch({ executablePath: CHROMIUM_PATH, headless: true, timeout: LAUNCH_TIMEOUT_MS, args: [...ARGS, ...(options.args ?? [])] })
    .catch((error: Error) => {
      throw new Error(`Could not start headless Chromium (${CHROMIUM_PATH}): ${error.message}`);
    });
  try {
    const context = await browser.newContext({ viewport: options.viewport, deviceScaleFactor: 1 });
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (options.allow(url)) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    });
    return await test({ page, blocked, cspViolations });
  } finally {
    await browser.close();
  }
}
