/**
 * The registry of integration suites. Each entry names a suite module (`suites/<name>.test.ts`, exporting
 * `register()`), the fixture workspace it opens, and optionally an emulator scenario the runner starts first.
 *
 * This file is read on both sides: by the runner in plain Node (names, fixtures, scenarios) and, bundled, inside
 * the extension host (which calls `load()`). `load` stays a lazy import so that the runner never loads a module
 * that imports `vscode`.
 */
export interface SuiteEntry {
  /** Also the value of TAGSIGHT_SUITE and the prefix of its screenshots. */
  readonly name: string;
  /** Folder under test/integration/fixtures/, copied to a temp dir per run (tests may change files). */
  readonly fixture: string;
  /** An emulator scenario (see src/emulator) started before code-server; its endpoint reaches the tests. */
  readonly scenario?: string;
  /** Settings written to the User and the Machine settings files (machine-scoped ones only count in Machine). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /**
   * `development` (default) loads the working tree as the extension under development. `vsix` packages the
   * extension, installs the .vsix into code-server, and loads only a test probe as the development extension,
   * so the suite sees Tagsight exactly as a user who installed the .vsix does.
   */
  readonly extension?: 'development' | 'vsix';
  /** A benchmark: not part of the integration run, `npm run bench` runs it with the workspace it generates. */
  readonly benchOnly?: boolean;
  /** Upper bound for the whole suite, from code-server start to the summary. Default 5 minutes. */
  readonly timeoutMs?: number;
  readonly load: () => Promise<{ register(): void }>;
}

export const SUITES: readonly SuiteEntry[] = [
  { name: 'foundation', fixture: 'foundation', load: () => import('./suites/foundation.test') },
  { name: 'vsix', fixture: 'vsix', extension: 'vsix', load: () => import('./suites/vsix.test') },
  { name: 'iac', fixture: 'iac', load: () => import('./suites/iac.test') },
  { name: 'cdk', fixture: 'cdk', load: () => import('./suites/cdk.test') },
  { name: 'region', fixture: 'region', load: () => import('./suites/region.test') },
  { name: 'reach', fixture: 'reach', load: () => import('./suites/reach.test') },
  { name: 'account', fixture: 'account', scenario: 'incident', load: () => import('./suites/account.test') },
  // The user turns read-only on; the fixture's workspace settings try to turn it off (and to redirect AWS calls).
  {
    name: 'security',
    fixture: 'security',
    scenario: 'incident',
    settings: { 'tagsight.readOnly': true },
    load: () => import('./suites/security.test'),
  },
  { name: 'blindspots', fixture: 'blindspots', scenario: 'incident', load: () => import('./suites/blindspots.test') },
  { name: 'map', fixture: 'map', scenario: 'incident', load: () => import('./suites/map.test') },
  // An organization whose tag policy requires tags (ListRequiredTags): a policy source of the code checks.
  { name: 'workspace-check', fixture: 'workspace-check', load: () => import('./suites/workspace-check.test') },
  // `npm run bench` (test/bench/editor.bench.ts) runs it twice on a generated workspace; TAGSIGHT_BENCH_PHASE says which run.
  {
    name: 'editor-speed',
    fixture: 'workspace-check',
    benchOnly: true,
    timeoutMs: 10 * 60_000,
    load: () => import('./suites/editor-speed.test'),
  },
  { name: 'org-policy', fixture: 'org-policy', scenario: 'org-aggregator', load: () => import('./suites/org-policy.test') },
  // The newcomer's path on the demo's own workspace (the folder `npm start` opens), against the demo account.
  { name: 'tour', fixture: '../../../demo/workspace', load: () => import('./suites/tour.test') },
];

export function findSuite(name: string): SuiteEntry | undefined {
  return SUITES.find((suite) => suite.name === name);
}
