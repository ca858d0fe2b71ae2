/**
 * Polls `condition` until it returns something truthy, which it resolves to; fails with `what` after `timeoutMs`.
 * The way our tests wait for another process (a CLI, an emulator) instead of sleeping a guessed time. A
 * condition that throws ends the wait at once with its error (say, the process it waits for has exited).
 */
export async function waitFor<T>(condition: () => T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
