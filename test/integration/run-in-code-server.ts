/**
 * Runs the integration suites inside a real VS Code extension host: code-server (VS Code 1.100.3's server and
 * browser workbench) on 127.0.0.1 with headless Chromium opening the workbench, one code-server per suite.
 *
 *   node --import tsx test/integration/run-in-code-server.ts [--suite NAME ...] [--grep REGEXP] [--verbose]
 *
 * Exits non-zero when any test fails, a summary is missing, the extension host never starts the suite, or a
 * suite exceeds its time bound. Run `npm run build` first (the suite runs from out/integration/index.js).
 * Benchmark suites (`benchOnly`) run only when named: `npm run bench` runs them with their generated workspaces.
 */
import { runSuite, type SuiteResult } from './harness/run-suite';
import { SUITES, findSuite, type SuiteEntry } from './suites';

const USAGE = 'Usage: run-in-code-server.ts [--suite NAME ...] [--grep REGEXP] [--verbose]';

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
    : SUITES.filter((suite) => !suite.benchOnly);
  return { suites, verbose, ...(grep ? { grep } : {}) };
}

function say(message: string): void {
  process.stdout.write(`[integration] ${message}\n`);
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const results: SuiteResult[] = [];
  for (const entry of options.suites) {
    say(`suite ${entry.name}${entry.scenario ? ` (emulator scenario ${entry.scenario})` : ''}`);
    const result = await runSuite(entry, { verbose: options.verbose, ...(options.grep ? { grep: options.grep } : {}) });
    results.push(result);
    say(`${entry.name}: ${result.failure ? `FAILED: ${result.failure}` : 'passed'} in ${result.seconds} s`);
  }
  say('summary:');
  for (const result of results) {
    const counts = result.summary ? `${result.summary.passes} passed, ${result.summary.failures} failed` : 'no results';
    say(
      `  ${result.failure ? 'FAIL' : 'ok  '} ${result.name.padEnd(20)} ${counts}, ${result.seconds} s${result.failure ? ` (${result.failure})` : ''}`,
    );
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
