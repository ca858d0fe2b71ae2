/**
 * Entry of the integration suite inside the VS Code extension host (bundled to out/integration/index.js).
 * VS Code requires this module and calls run(): it sets up mocha's BDD globals, registers the suite named by
 * TAGSIGHT_SUITE, runs it, writes the JSON summary the runner reads, and rejects when anything failed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { ENV, STARTED_MARKER, type SuiteSummary, type TestOutcome } from './protocol';
import { findSuite, SUITES } from './suites';

export async function run(): Promise<void> {
  const suiteName = process.env[ENV.suite] ?? '';
  const summaryPath = process.env[ENV.summary];
  console.log(`${STARTED_MARKER} ${suiteName}`);
  const started = Date.now();
  const outcomes: TestOutcome[] = [];

  const writeSummary = (summary: Omit<SuiteSummary, 'suite' | 'durationMs'>) => {
    if (!summaryPath) return;
    const full: SuiteSummary = { suite: suiteName, durationMs: Date.now() - started, ...summary };
    fs.mkdirSync(path.dirname(summaryPath), { recursive: true });
    fs.writeFileSync(summaryPath, JSON.stringify(full, null, 2));
  };

  const entry = findSuite(suiteName);
  if (!entry) {
    const error = `Unknown suite '${suiteName}' (set ${ENV.suite} to one of: ${SUITES.map((s) => s.name).join(', ')})`;
    writeSummary({ passes: 0, failures: 1, pending: 0, tests: [], error });
    throw new Error(error);
  }

  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  const grep = process.env[ENV.grep];
  if (grep) mocha.grep(new RegExp(grep));
  // What `mocha` the CLI does before requiring a spec file: define describe/it/before/... as globals.
  mocha.suite.emit('pre-require', globalThis, entry.name, mocha);
  try {
    (await entry.load()).register();
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    writeSummary({ passes: 0, failures: 1, pending: 0, tests: [], error: `Could not register suite: ${message}` });
    throw error;
  }

  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((count) => resolve(count));
    runner.on('pass', (test) => {
      outcomes.push({ title: test.title, fullTitle: test.fullTitle(), state: 'passed', durationMs: test.duration });
    });
    runner.on('fail', (test, error: Error) => {
      outcomes.push({
        title: test.title,
        fullTitle: test.fullTitle(),
        state: 'failed',
        durationMs: test.duration,
        error: error?.stack ?? String(error),
      });
    });
    runner.on('pending', (test) => {
      outcomes.push({ title: test.title, fullTitle: test.fullTitle(), state: 'pending' });
    });
  });

  const passes = outcomes.filter((o) => o.state === 'passed').length;
  const pending = outcomes.filter((o) => o.state === 'pending').length;
  const error = outcomes.length === 0 ? 'The suite declared no tests' : undefined;
  writeSummary({ passes, failures, pending, tests: outcomes, ...(error ? { error } : {}) });
  if (failures > 0) throw new Error(`${failures} test(s) failed in suite '${suiteName}'`);
  if (error) throw new Error(error);
}
