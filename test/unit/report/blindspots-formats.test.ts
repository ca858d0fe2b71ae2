import * as assert from 'node:assert/strict';
import type { BlindSpotReport } from '../../../src/core/blind-spot';
import { renderBlindSpotsMarkdown } from '../../../src/report/blindspots-markdown';

const report: BlindSpotReport = {
  generatedAt: '2026-01-01T00:00:00.000Z',
  blindSpots: [],
  unwatchedRegions: [],
  unknown: [{ bucket: 'logs', region: 'eu-west-1', reason: 'Config in eu-west-1 could not be read: <b>denied</b> | try again' }],
  regionErrors: [{ region: 'eu-west-1', service: 'config', message: 'access denied <img src=x onerror=alert(1)>\nsecond line' }],
  crossRegionCreates: [],
};

describe('blind spot formats', () => {
  it('markdown neutralises pipes, newlines and HTML in messages that come from AWS', () => {
    const markdown = renderBlindSpotsMarkdown(report);
    assert.doesNotMatch(markdown, /<img|<b>/);
    assert.match(markdown, /access denied &lt;img src=x onerror=alert\(1\)&gt; second line/);
    assert.match(markdown, /&lt;b&gt;denied&lt;\/b&gt; \\\| try again/);
  });
});
