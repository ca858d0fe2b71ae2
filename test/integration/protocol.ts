/**
 * What the runner (Node, outside VS Code) and the extension-host side of the harness agree on: environment
 * variable names, the summary file, and the screenshot request. No imports, so both sides can use it.
 */
export const ENV = {
  /** Name of the suite to run (an entry of suites.ts). */
  suite: 'TAGSIGHT_SUITE',
  /** Absolute path of the JSON summary the extension host writes when mocha ends. */
  summary: 'TAGSIGHT_TEST_SUMMARY',
  /** Absolute path of test-results/: screenshots and anything else a person should look at. */
  results: 'TAGSIGHT_TEST_RESULTS',
  /** http://127.0.0.1:PORT/screenshot when the runner drives a browser; unset in desktop VS Code. */
  screenshotUrl: 'TAGSIGHT_SCREENSHOT_URL',
  /** Only tests whose full title matches this regular expression run (the runner's --grep). */
  grep: 'TAGSIGHT_GREP',
  /** The emulator's endpoint when the suite names a scenario (also in AWS_ENDPOINT_URL). */
  emulatorEndpoint: 'TAGSIGHT_EMULATOR_ENDPOINT',
} as const;

/** The first line the extension host logs: proves to the runner that the extension host started the suite. */
export const STARTED_MARKER = '[tagsight-harness] extension host started suite';

export interface TestOutcome {
  readonly title: string;
  readonly fullTitle: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs?: number;
  readonly error?: string;
}

export interface SuiteSummary {
  readonly suite: string;
  readonly passes: number;
  readonly failures: number;
  readonly pending: number;
  readonly durationMs: number;
  readonly tests: readonly TestOutcome[];
  /** Set when the suite could not even be loaded or registered. */
  readonly error?: string;
}

export interface ScreenshotRequest {
  /** File name without extension: test-results/<name>.png. Prefix it with the suite name. */
  readonly name: string;
  /** A CSS selector to wait for (visible) before the screenshot is taken. */
  readonly waitFor?: string;
  /** A CSS selector: capture only this element instead of the whole workbench. */
  readonly element?: string;
  /** Bound for waitFor; default 15 s. */
  readonly timeoutMs?: number;
}

export interface ScreenshotResponse {
  readonly path?: string;
  readonly error?: string;
}
