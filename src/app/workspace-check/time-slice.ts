/**
 * Cooperative yielding by time, not by count: work runs until its slice has lasted `budgetMs`, then lets the
 * event loop run (I/O, the workbench's messages, timers) before the next slice. No fixed pause: when nothing else
 * is waiting, the next slice starts at once.
 */
export class TimeSlice {
  private sliceStart: number;

  constructor(
    private readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.sliceStart = now();
  }

  /** Whether this slice has used its budget. */
  get due(): boolean {
    return this.now() - this.sliceStart >= this.budgetMs;
  }

  /** Yields to the event loop when the slice is used up; resolves at once otherwise. Returns whether it yielded. */
  async yieldIfDue(): Promise<boolean> {
    if (!this.due) return false;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = this.now();
    return true;
  }
}
