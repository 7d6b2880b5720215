import { sleep, Wakeup } from './timers';

describe('Wakeup', () => {
  it('ends a wait early when woken', async () => {
    const wakeup = new Wakeup();
    const started = Date.now();
    const waiting = wakeup.wait(5_000);
    wakeup.wake();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('keeps a wake that came while nobody waited, once', async () => {
    const wakeup = new Wakeup();
    wakeup.wake();
    wakeup.wake();
    const started = Date.now();
    await wakeup.wait(5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    await wakeup.wait(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });
});

describe('sleep', () => {
  it('returns at once when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = sleep(5_000, controller.signal);
    controller.abort();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
