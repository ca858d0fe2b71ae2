/**
 * What the runner (Node, outside VS Code) and the extension-host side of the harness agree on: environment
 * variable names, the summary file, and the screenshot and UI action requests. No imports, so both sides can use it.
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
  /** http://127.0.0.1:PORT/ui-action when the runner drives a browser (same server); unset in desktop VS Code. */
  uiActionUrl: 'TAGSIGHT_UI_ACTION_URL',
  /** Only tests whose full title matches this regular expression run (the runner's --grep). */
  grep: 'TAGSIGHT_GREP',
  /** The emulator's endpoint when the suite names a scenario (also in AWS_ENDPOINT_URL). */
  emulatorEndpoint: 'TAGSIGHT_EMULATOR_ENDPOINT',
} as const;

/** The vsix suite writes its activation figures to this file in test-results/, for `npm run bench`. */
export const ACTIVATION_RESULT = 'vsix-activation.json';

export interface ActivationFigures {
  /** From the extension host's mark before it requires the bundle to activate()'s return (ms, 1 ms resolution). */
  readonly loadAndActivateMs: number;
  /** Requiring (evaluating) the bundle: the extension host's will/didLoadExtensionCode marks. */
  readonly bundleLoadMs: number;
  /** activate() alone, as the extension measured and logged it. */
  readonly activateMs: number;
  readonly bundleBytes: number;
  /** The activation event that started Tagsight. */
  readonly activationEvent: string;
}

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

/**
 * Where a UI action's selector is looked up: the workbench page, or the document inside the visible webview
 * (VS Code nests it: `iframe.webview.ready` → `iframe#active-frame`).
 */
export type UiFrame = 'workbench' | 'webview';

/**
 * Something the runner does in the browser for a test, through playwright (so with its actionability checks: the
 * element must be attached, visible, stable and receive the pointer, else the request fails after `timeoutMs`).
 */
export type UiActionRequest =
  /** A mouse click in the middle of the first element matching `selector`. */
  | { readonly action: 'click'; readonly selector: string; readonly frame?: UiFrame; readonly timeoutMs?: number }
  /** The mouse moved over the middle of the first element matching `selector` (what shows a hover). */
  | { readonly action: 'hover'; readonly selector: string; readonly frame?: UiFrame; readonly timeoutMs?: number }
  /**
   * A key press (playwright key names: `Enter`, `Tab`, `Shift+Tab`, ...): on the first element matching
   * `selector`, focused first; without `selector`, on whatever has the keyboard focus.
   */
  | { readonly action: 'press'; readonly key: string; readonly selector?: string; readonly frame?: UiFrame; readonly timeoutMs?: number }
  /**
   * Reads what a person sees: the rendered text (innerText) of every element matching `selector`, once the first
   * one is visible. The answer's `texts` holds them in document order.
   */
  | {
      readonly action: 'text';
      readonly selector: string;
      readonly parts?: readonly string[];
      readonly frame?: UiFrame;
      readonly timeoutMs?: number;
    };

export interface UiActionResponse {
  readonly ok?: boolean;
  /** When the runner started the action (Date.now(), the same clock as the extension host's on this machine). */
  readonly at?: number;
  readonly error?: string;
  /** For `text`: each matching element's visible text. */
  readonly texts?: readonly string[];
}
