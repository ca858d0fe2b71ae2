/**
 * The one way our tests wait for something that has no event to await (another process, the extension host, a
 * server): poll `condition` until it returns something truthy, which is returned, or fail after a bounded time,
 * naming what was awaited. Never a fixed sleep instead. Unit and integration tests share it.
 */
export interface WaitOptions {
  /** Default 10 s. */
  readonly timeoutMs?: number;
  /** Default 50 ms. */
  readonly intervalMs?: number;
  /** Said in the error when the time is up, e.g. "the Coverage view to list us-east-1". */
  readonly message?: string;
  /**
   * When `condition` throws: `retry` (default) tries again and names the last error at the timeout (an API that is
   * not ready yet); `fail` ends the wait at once with that error (the process it waits for has exited).
   */
  readonly onError?: 'retry' | 'fail';
}

type Falsy = false | 0 | '' | null | undefined;

export async function waitFor<T>(condition: () => T | Falsy | Promise<T | Falsy>, options: WaitOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as T;
    } catch (error) {
      if (options.onError === 'fail') throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${options.message ?? 'a condition'}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
