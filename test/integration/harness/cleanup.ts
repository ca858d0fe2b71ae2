/**
 * Cleanup on every exit path: process groups we started are killed when this process exits for any reason
 * (normal end, uncaught error, Ctrl-C, SIGTERM), so no code-server outlives a test run or the demo. On a
 * signal, registered async tasks (close the emulator, remove temp folders) run first, bounded in time.
 */
type Task = () => Promise<unknown> | unknown;

const groups = new Set<number>();
const tasks = new Set<Task>();
let installed = false;

function killAll(): void {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  groups.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      const pending = [...tasks].map(async (task) => task());
      const bound = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
      void Promise.race([Promise.allSettled(pending), bound]).finally(() => {
        killAll();
        process.exit(130);
      });
    });
  }
}

/** Registers a process group leader to kill on exit; returns a function that forgets it (after a clean stop). */
export function onExitKill(pid: number): () => void {
  install();
  groups.add(pid);
  return () => groups.delete(pid);
}

/** Registers a task to run if a signal ends the process; returns a function that forgets it. */
export function onSignalCleanup(task: Task): () => void {
  install();
  tasks.add(task);
  return () => tasks.delete(task);
}
