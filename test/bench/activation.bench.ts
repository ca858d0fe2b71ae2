/**
 * Activation as a user waits for it: Tagsight packaged as a .vsix (production bundles), installed into the real
 * code-server, activated by itself in a workspace with a .tf file (workspaceContains). The vsix suite measures from
 * the extension host's mark before it requires dist/extension.js to activate()'s return and writes the figures to
 * test-results/ (test/integration/suites/vsix.test.ts); this module runs it three times (a fresh extension host
 * each) and reports the median, the bundle's size beside it. Target: < 40 ms.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, TEST_RESULTS } from '../integration/harness/paths';
import { ACTIVATION_RESULT, type ActivationFigures } from '../integration/protocol';
import type { BenchRow } from './bench';

const RUNS = 3;
const TARGET_MS = 40;

async function measureOnce(): Promise<ActivationFigures> {
  const result = path.join(TEST_RESULTS, ACTIVATION_RESULT);
  fs.rmSync(result, { force: true });
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', path.join('test', 'integration', 'run-in-code-server.ts'), '--suite', 'vsix', '--grep', 'activates by itself'],
    { cwd: REPO_ROOT, timeout: 75_000, maxBuffer: 16 * 1024 * 1024 },
  );
  if (!fs.existsSync(result)) throw new Error(`the vsix suite wrote no ${ACTIVATION_RESULT}`);
  return JSON.parse(fs.readFileSync(result, 'utf8')) as ActivationFigures;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export async function run(): Promise<BenchRow[]> {
  const samples: ActivationFigures[] = [];
  for (let index = 0; index < RUNS; index++) samples.push(await measureOnce());
  const total = median(samples.map((sample) => sample.loadAndActivateMs));
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
  return [
    {
      name: 'extension: bundle load + activate in code-server (.vsix)',
      timeMs: total,
      notes:
        `median of ${RUNS} (${samples.map((sample) => sample.loadAndActivateMs).join(', ')} ms); load ${median(samples.map((sample) => sample.bundleLoadMs))} ms, ` +
        `activate() ${median(samples.map((sample) => sample.activateMs))} ms; extension.js ${kb(samples[0]!.bundleBytes)} minified; ` +
        `${samples[0]!.activationEvent}; target < ${TARGET_MS} ms`,
    },
  ];
}
