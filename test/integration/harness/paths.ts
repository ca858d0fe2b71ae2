import * as path from 'node:path';

/** The extension's folder (the repository root). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const TEST_RESULTS = path.join(REPO_ROOT, 'test-results');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'integration', 'fixtures');
/** The extension-host entry built by esbuild.js from test/integration/index.ts. */
/**
 * The harness's own package (code-server and the ripgrep seed, with its own lock file and .npmrc):
 * scripts/bootstrap.sh installs it after the root `npm ci`, which stays free of native builds on every OS.
 */
export const HARNESS_PACKAGE = path.join(REPO_ROOT, 'test', 'integration');
export const INTEGRATION_ENTRY = path.join(REPO_ROOT, 'out', 'integration', 'index.js');
