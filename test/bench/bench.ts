/**
 * The contract of a benchmark module `test/bench/<name>.bench.ts`: export `run(): Promise<BenchRow[]>`.
 * `npm run bench` runs each module in its own Node process (so its peak memory is its own) and prints one table.
 * Keep each module bounded to seconds: the machine is shared.
 */
export interface BenchRow {
  /** What was measured, e.g. "terraform: parse 2,000 resources". */
  readonly name: string;
  /** Wall time of one operation (say in notes if it is a median of several runs). */
  readonly timeMs: number;
  /** Sizes, iterations, throughput: whatever makes the time meaningful. */
  readonly notes?: string;
}

/** Runs `operation` `iterations` times (after one warm-up) and returns the median wall time in ms. */
export async function medianMs(iterations: number, operation: () => unknown | Promise<unknown>): Promise<number> {
  await operation();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await operation();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}
