import * as assert from 'node:assert/strict';
import { formatWhen, localClockTime, relativeTime } from '../../../src/core/when';

describe('when: relative plus local time, one form for every surface', () => {
  const now = new Date('2026-12-07T23:12:51.536Z');

  it('counts minutes, hours and days ago', () => {
    assert.equal(relativeTime(new Date('2026-12-07T23:12:20Z'), now), 'just now');
    assert.equal(relativeTime(new Date('2026-12-07T23:00:00Z'), now), '12 min ago');
    assert.equal(relativeTime(new Date('2026-12-07T20:12:26Z'), now), '3 h ago');
    assert.equal(relativeTime(new Date('2026-12-02T20:12:26Z'), now), '5 d ago');
    assert.equal(relativeTime(new Date('2026-12-07T23:15:00Z'), now), 'in 2 min');
  });

  it('gives the local clock time, with the day when it is not today, and the year when not this year', () => {
    assert.equal(localClockTime(new Date('2026-12-07T20:12:26Z'), { now, timeZone: 'UTC' }), '20:12');
    // In Seoul "now" is already 8 Dec: the same instant is today there, and 10:00 UTC was yesterday evening.
    assert.equal(localClockTime(new Date('2026-12-07T20:12:26Z'), { now, timeZone: 'Asia/Seoul' }), '05:12');
    assert.equal(localClockTime(new Date('2026-12-07T10:00:00Z'), { now, timeZone: 'Asia/Seoul' }), '7 Dec 19:00');
    assert.equal(localClockTime(new Date('2026-12-02T20:12:26Z'), { now, timeZone: 'UTC' }), '2 Dec 20:12');
    assert.equal(localClockTime(new Date('2025-12-02T20:12:26Z'), { now, timeZone: 'UTC' }), '2 Dec 2025 20:12');
  });

  it('reads ISO strings and leaves what is not a date as it is', () => {
    assert.equal(formatWhen('2026-12-07T20:12:26.000Z', { now, timeZone: 'UTC' }), '3 h ago, 20:12');
    assert.equal(formatWhen('yesterday', { now }), 'yesterday');
  });
});
