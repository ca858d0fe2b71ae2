/**
 * `npm run bench`: runs every test/bench/*.bench.ts module in its own Node process, one after another, and
 * prints one table of time, peak memory (the process's max RSS, with the part above what importing the module
 * took) and notes. `npm run bench -- terraform` runs only modules whose file name contains "terraform".
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow } from './bench';

const BENCH_DIR = __dirname;
const MODULE_TIMEOUT_MS = 120_000;
/** Modules that start the real editor (code-server and Chromium, several times) need longer. */
const LONGER_TIMEOUTS_MS: Readonly<Record<string, number>> = { editor: 15 * 60_000, activation: 4 * 60_000 };
const RESULT_MARKER = '@@bench-result ';

interface ModuleResult {
  readonly rows: BenchRow[];
  /** kB, max RSS of the whole child process. */
  readonly peakKb: number;
  /** kB, max RSS after importing the module, before run(). */
  readonly importedKb: number;
}

/** In the child: import one module, run it, report rows and memory on stdout. */
async function child(file: string): Promise<void> {
  const module = (await import(pathToFileURL(file).href)) as { run?: () => Promise<BenchRow[]> };
  if (typeof module.run !== 'function') throw new Error(`${path.basename(file)} does not export run()`);
  const importedKb = process.resourceUsage().maxRSS;
  const rows = await module.run();
  const result: ModuleResult = { rows, peakKb: process.resourceUsage().maxRSS, importedKb };
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

function runChild(file: string): Promise<ModuleResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', __filename, '--child', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timeoutMs = LONGER_TIMEOUTS_MS[path.basename(file, '.bench.ts')] ?? MODULE_TIMEOUT_MS;
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARKER));
      if (code === 0 && line) return resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as ModuleResult);
      const why = signal === 'SIGKILL' ? `timed out after ${timeoutMs / 1000} s` : `exit ${code ?? signal}`;
      reject(new Error(`${why}\n${stderr.trim() || stdout.trim()}`));
    });
  });
}

function formatTime(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

function formatMb(kb: number): string {
  return `${Math.round(kb / 1024)} MB`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const files = fs
    .readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((filter) => f.includes(filter)))
    .sort()
    .map((f) => path.join(BENCH_DIR, f));
  if (!files.length) {
    console.error(`No benchmark modules (test/bench/*.bench.ts)${filters.length ? ` match ${filters.join(', ')}` : ''}`);
    return 1;
  }
  const rows: string[][] = [];
  let failed = false;
  for (const file of files) {
    const name = path.basename(file, '.bench.ts');
    process.stderr.write(`bench: ${name}…\n`);
    try {
      const result = await runChild(file);
      const memory = `${formatMb(result.peakKb)} (+${formatMb(result.peakKb - result.importedKb)})`;
      for (const row of result.rows) rows.push([row.name, formatTime(row.timeMs), memory, row.notes ?? '']);
      if (!result.rows.length) rows.push([name, '-', memory, 'no rows']);
    } catch (error) {
      failed = true;
      rows.push([name, 'FAILED', '-', (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '']);
      process.stderr.write(`bench: ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  console.log(table(['benchmark', 'time', 'peak RSS (+ during run)', 'notes'], rows));
  console.log('\nPeak RSS is per module process (rows of one module share it); "+" is what run() added to the import.');
  return failed ? 1 : 0;
}

if (process.argv[2] === '--child') {
  child(process.argv[3] ?? '').catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  });
} else {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    },
  );
}
