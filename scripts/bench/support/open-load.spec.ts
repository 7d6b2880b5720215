import { openLoad, percentile } from './open-load';

describe('openLoad', () => {
  it('sends rate x seconds requests on schedule without waiting for slow answers', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const result = await openLoad(200, 0.5, async () => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      // Each answer takes longer than the whole run: a closed-loop tool would send only a few.
      await new Promise((resolve) => setTimeout(resolve, 600));
      inFlight--;
      return 'ok';
    });
    expect(result.arrivals).toHaveLength(100);
    expect(mostInFlight).toBe(100);
    expect(result.arrivals.every((arrival) => arrival.finishedAt - arrival.scheduledAt >= 590)).toBe(true);
    expect(result.scheduleLag.p50).toBeLessThan(50);
  });
});

describe('percentile', () => {
  it('picks the nearest rank of a sorted list', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([], 99)).toBe(0);
  });
});
