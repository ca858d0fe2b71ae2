import assert from 'node:assert/strict';
import {
  MIN_WATCH_INTERVAL_MINUTES,
  Watch,
  watchIntervalMs,
  type WatchFinding,
  type WatchOutcome,
  type WatchSnapshot,
  type WatchTimers,
} from '../../../src/core/watch';

/** A clock that moves only when told, firing due timeouts in order and letting promises settle between them. */
class FakeTimers implements WatchTimers {
  private time = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      const due = [...this.pending.entries()].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = target;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

interface PendingScan {
  readonly startedAt: number;
  readonly signal: AbortSignal;
  resolve(snapshot: WatchSnapshot): void;
  reject(error: unknown): void;
}

/** Scans the test settles by hand, counting how many run at once. */
function harness(options: { intervalMs?: number; maxBackoffMs?: number; pauseWhenUnfocusedForMs?: number } = {}) {
  const timers = new FakeTimers();
  const scans: PendingScan[] = [];
  const notified: WatchFinding[][] = [];
  const outcomes: WatchOutcome[] = [];
  let running = 0;
  let maxRunning = 0;
  const watch = new Watch({
    intervalMs: options.intervalMs ?? 1000,
    maxBackoffMs: options.maxBackoffMs,
    pauseWhenUnfocusedForMs: options.pauseWhenUnfocusedForMs,
    timers,
    scan: (signal) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      return new Promise<WatchSnapshot>((resolve, reject) => {
        const done = () => {
          running--;
        };
        scans.push({
          startedAt: timers.now(),
          signal,
          resolve: (snapshot) => {
            done();
            resolve(snapshot);
          },
          reject: (error) => {
            done();
            reject(error);
          },
        });
      });
    },
    notify: (findings) => notified.push([...findings]),
    onScanSettled: (outcome) => outcomes.push(outcome),
  });
  /** Starts the watch and settles its first scan, the baseline, with nothing found. */
  async function startWithEmptyBaseline(): Promise<void> {
    watch.start();
    await timers.advance(0);
    scans[scans.length - 1]!.resolve({ findings: [], scannedRegions: ['us-east-1', 'ap-northeast-2'] });
  }
  return { watch, timers, scans, notified, outcomes, maxRunning: () => maxRunning, startWithEmptyBaseline };
}

function finding(region: string, resource: string, kind: WatchFinding['kind'] = 'non-compliant'): WatchFinding {
  return {
    key: `${kind}:${region}:AWS::S3::Bucket:${resource}`,
    kind,
    region,
    resource,
    resourceType: 'AWS::S3::Bucket',
    message: `${resource} lacks Service`,
  };
}

function snapshot(findings: WatchFinding[], scannedRegions = ['us-east-1', 'ap-northeast-2'], degraded = false): WatchSnapshot {
  return { findings, scannedRegions, degraded };
}

function last<T>(items: readonly T[]): T {
  const item = items[items.length - 1];
  assert.ok(item !== undefined, 'expected at least one item');
  return item;
}

describe('Watch', () => {
  it('takes the first scan as the baseline, then notifies each new finding exactly once', async () => {
    const { watch, timers, scans, notified } = harness();
    const a = finding('us-east-1', 'a');
    const b = finding('ap-northeast-2', 'rnd-transcribe-test', 'blind-spot');
    watch.start();
    await timers.advance(0);
    assert.equal(scans.length, 1, 'the first scan runs at once');
    last(scans).resolve(snapshot([a]));
    await timers.advance(0);
    assert.deepEqual(notified, [], 'the baseline notifies nothing');

    await timers.advance(1000);
    assert.equal(scans.length, 2);
    last(scans).resolve(snapshot([a, b, b]));
    await timers.advance(0);
    assert.deepEqual(notified, [[b]], 'the new finding, once, even when listed twice');

    for (let i = 0; i < 3; i++) {
      await timers.advance(1000);
      last(scans).resolve(snapshot([b, a]));
    }
    await timers.advance(0);
    assert.equal(scans.length, 5);
    assert.deepEqual(notified, [[b]], 'nothing more while nothing changes');
    watch.stop();
  });

  it('never runs two scans at once: a slow scan delays the next, and runNow joins the running one', async () => {
    const { watch, startWithEmptyBaseline, timers, scans, maxRunning } = harness();
    await startWithEmptyBaseline();
    await timers.advance(1000);
    assert.equal(scans.length, 2);
    await timers.advance(10_000);
    void watch.runNow();
    void watch.runNow();
    await timers.advance(0);
    assert.equal(scans.length, 2, 'ten intervals and two runNow calls later, still the same scan');
    assert.equal(watch.currentState, 'scanning');
    last(scans).resolve(snapshot([]));
    await timers.advance(999);
    assert.equal(scans.length, 2, 'the next scan waits a full interval after the slow one settles');
    await timers.advance(1);
    assert.equal(scans.length, 3);
    assert.equal(last(scans).startedAt, 12_000);
    assert.equal(maxRunning(), 1);
    watch.stop();
  });

  it('backs off exponentially on errors and degraded scans up to the cap, and resets after a clean scan', async () => {
    const { watch, startWithEmptyBaseline, timers, scans, outcomes } = harness({ intervalMs: 1000, maxBackoffMs: 5000 });
    await startWithEmptyBaseline();
    await timers.advance(0);
    const fail = async () => {
      last(scans).reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
      await timers.advance(0);
      return last(outcomes).nextDelayMs;
    };
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await timers.advance(delays[delays.length - 1] ?? 1000);
      delays.push(await fail());
    }
    assert.deepEqual(delays, [2000, 4000, 5000, 5000]);
    const starts = scans.map((scan) => scan.startedAt);
    assert.deepEqual(starts, [0, 1000, 3000, 7000, 12_000], 'scans really waited those delays');
    assert.equal(last(outcomes).ok, false);

    await timers.advance(5000);
    last(scans).resolve(snapshot([], ['us-east-1'], true));
    await timers.advance(0);
    assert.equal(last(outcomes).nextDelayMs, 5000, 'a degraded (throttled) scan keeps backing off');

    await timers.advance(5000);
    last(scans).resolve(snapshot([]));
    await timers.advance(0);
    assert.equal(last(outcomes).nextDelayMs, 1000, 'one clean scan resets the pace');
    watch.stop();
  });

  it('pauses due scans while the window has been unfocused for long, and scans at once on focus', async () => {
    const { watch, startWithEmptyBaseline, timers, scans } = harness({ intervalMs: 1000, pauseWhenUnfocusedForMs: 3000 });
    await startWithEmptyBaseline();
    watch.setFocused(false);
    await timers.advance(1000);
    last(scans).resolve(snapshot([]));
    await timers.advance(1000);
    assert.equal(scans.length, 3, 'a short absence does not pause');
    last(scans).resolve(snapshot([]));
    await timers.advance(10_000);
    assert.equal(scans.length, 3, 'no scans after three unfocused seconds');
    assert.equal(watch.currentState, 'paused');
    assert.equal(timers.pendingCount, 0, 'nothing scheduled while paused');
    watch.setFocused(true);
    await timers.advance(0);
    assert.equal(scans.length, 4, 'focus brings the overdue scan at once');
    assert.equal(watch.currentState, 'scanning');
    watch.stop();
  });

  it('keeps what a failed region knew, baselines a region on its first clean read, and re-announces a re-broken resource', async () => {
    const { watch, timers, scans, notified } = harness();
    const east = finding('us-east-1', 'old');
    const seoul = finding('ap-northeast-2', 'seoul-old');
    watch.start();
    await timers.advance(0);
    last(scans).resolve(snapshot([east], ['us-east-1'])); // Seoul failed: no baseline there yet
    await timers.advance(1000);
    last(scans).resolve(snapshot([east, seoul], ['us-east-1', 'ap-northeast-2']));
    await timers.advance(0);
    assert.deepEqual(notified, [], "Seoul's first clean read is its baseline");

    await timers.advance(1000);
    last(scans).resolve(snapshot([seoul], ['ap-northeast-2'])); // us-east-1 failed this time
    await timers.advance(1000);
    last(scans).resolve(snapshot([east, seoul]));
    await timers.advance(0);
    assert.deepEqual(notified, [], 'a finding hidden by a failed read is not new when it comes back');

    await timers.advance(1000);
    last(scans).resolve(snapshot([seoul])); // "old" fixed
    await timers.advance(1000);
    last(scans).resolve(snapshot([east, seoul])); // and broken again
    await timers.advance(0);
    assert.deepEqual(notified, [[east]]);
    watch.stop();
  });

  it('stop aborts the running scan and drops its result', async () => {
    const { watch, startWithEmptyBaseline, timers, scans, notified } = harness();
    await startWithEmptyBaseline();
    await timers.advance(1000);
    const running = last(scans);
    watch.stop();
    assert.equal(running.signal.aborted, true);
    running.resolve(snapshot([finding('us-east-1', 'late')]));
    await timers.advance(10_000);
    assert.deepEqual(notified, []);
    assert.equal(scans.length, 2);
    assert.equal(watch.currentState, 'stopped');
    assert.equal(timers.pendingCount, 0);
  });

  it('survives a notifier that throws', async () => {
    const timers = new FakeTimers();
    let calls = 0;
    const outcomes: WatchOutcome[] = [];
    let round = 0;
    const watch = new Watch({
      intervalMs: 1000,
      timers,
      scan: async () => snapshot(round++ === 0 ? [] : [finding('us-east-1', `r${round}`)], ['us-east-1']),
      notify: () => {
        calls++;
        throw new Error('toast failed');
      },
      onScanSettled: (outcome) => outcomes.push(outcome),
    });
    watch.start();
    await timers.advance(3000);
    assert.equal(calls, 3);
    assert.equal(outcomes.length, 4);
    assert.equal(watch.currentState, 'waiting');
    watch.stop();
  });

  it('counts a changed interval from the last scan, and ignores the same interval set again', async () => {
    const { watch, startWithEmptyBaseline, timers, scans } = harness({ intervalMs: 10_000 });
    await startWithEmptyBaseline();
    await timers.advance(4000);
    watch.setIntervalMs(10_000);
    await timers.advance(6000);
    assert.equal(scans.length, 2, 'the same interval again did not push the scan back');
    last(scans).resolve(snapshot([]));
    await timers.advance(3000);
    watch.setIntervalMs(5000);
    watch.setIntervalMs(5000);
    await timers.advance(1999);
    assert.equal(scans.length, 2);
    await timers.advance(1);
    assert.equal(scans.length, 3, '5 s after the last scan, not after the change');
    last(scans).resolve(snapshot([]));
    await timers.advance(4000);
    watch.setIntervalMs(1000);
    await timers.advance(0);
    assert.equal(scans.length, 4, 'overdue under the shorter interval: at once');
    watch.stop();
  });

  it('rejects a non-positive interval', () => {
    assert.throws(() => new Watch({ intervalMs: 0, scan: async () => snapshot([]), notify: () => {} }), RangeError);
  });
});

describe('watchIntervalMs (the editor setting, in minutes)', () => {
  it('turns the watch off for 0 or anything but a positive number', () => {
    for (const off of [0, -1, undefined, null, '5', Number.NaN, Number.POSITIVE_INFINITY])
      assert.equal(watchIntervalMs(off), undefined, String(off));
  });

  it('allows fractions but never less than 1 minute', () => {
    assert.equal(MIN_WATCH_INTERVAL_MINUTES * 60_000, 60_000);
    assert.equal(watchIntervalMs(10), 600_000);
    assert.equal(watchIntervalMs(1.5), 90_000);
    assert.equal(watchIntervalMs(0.5), 60_000);
    assert.equal(watchIntervalMs(0.05), 60_000);
    assert.equal(watchIntervalMs(0.001), 60_000);
  });
});
