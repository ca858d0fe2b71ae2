import * as assert from 'node:assert/strict';
import { waitFor } from '../../support/wait-for';

describe('waitFor (every test that waits, unit and integration)', () => {
  it('returns the first truthy value, awaiting an async condition', async () => {
    let calls = 0;
    assert.equal(await waitFor(() => ++calls >= 3 && calls, { intervalMs: 1 }), 3);
    assert.equal(await waitFor(async () => 'ready', { intervalMs: 1 }), 'ready');
  });

  it('times out naming what it waited for, and the last error of a condition that kept throwing', async () => {
    await assert.rejects(
      waitFor(() => false, { timeoutMs: 30, intervalMs: 1, message: 'never' }),
      /^Error: Timed out after 30 ms waiting for never$/,
    );
    await assert.rejects(
      waitFor(
        () => {
          throw new Error('not yet');
        },
        { timeoutMs: 30, intervalMs: 1, message: 'x' },
      ),
      /waiting for x \(last error: not yet\)/,
    );
  });

  it('ends at once on an error when told to fail on errors', async () => {
    let calls = 0;
    await assert.rejects(
      waitFor(
        () => {
          calls++;
          throw new Error('the process exited');
        },
        { onError: 'fail', timeoutMs: 10_000 },
      ),
      /the process exited/,
    );
    assert.equal(calls, 1);
  });
});
