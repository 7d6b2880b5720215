import { CircuitBreaker, type BreakerState } from './circuit-breaker';

const setup = (failureThreshold = 3, resetMs = 1_000) => {
  let now = 0;
  const changes: BreakerState[] = [];
  const breaker = new CircuitBreaker(
    { failureThreshold, resetMs },
    (state) => changes.push(state),
    () => now,
  );
  return { breaker, changes, advance: (ms: number) => (now += ms) };
};

const fail = (breaker: CircuitBreaker, times: number) => {
  for (let i = 0; i < times; i++) {
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failed();
  }
};

describe('CircuitBreaker', () => {
  it('opens only after the threshold of failures in a row, and then refuses calls', () => {
    const { breaker, changes } = setup(3);
    fail(breaker, 2);
    expect(breaker.state).toBe('closed');
    fail(breaker, 1);
    expect(breaker.state).toBe('open');
    expect(changes).toEqual(['open']);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('starts counting again after a success', () => {
    const { breaker } = setup(3);
    fail(breaker, 2);
    breaker.succeeded();
    fail(breaker, 2);
    expect(breaker.state).toBe('closed');
  });

  it('lets exactly one trial call through once the cool-down has passed, and closes on its success', () => {
    const { breaker, changes, advance } = setup(1, 1_000);
    fail(breaker, 1);
    advance(999);
    expect(breaker.state).toBe('open');
    expect(breaker.retryInMs).toBe(1);
    expect(breaker.tryAcquire()).toBe(false);
    advance(1);
    expect(breaker.state).toBe('half_open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.succeeded();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    expect(changes).toEqual(['open', 'closed']);
  });

  it('opens for another full cool-down when the trial call fails', () => {
    const { breaker, advance } = setup(1, 1_000);
    fail(breaker, 1);
    advance(1_500);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failed();
    expect(breaker.state).toBe('open');
    expect(breaker.retryInMs).toBe(1_000);
    advance(1_000);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('is not closed by a late success of a call begun before it opened', () => {
    const { breaker } = setup(1, 1_000);
    expect(breaker.tryAcquire()).toBe(true);
    fail(breaker, 1);
    breaker.succeeded();
    expect(breaker.state).toBe('open');
  });
});
