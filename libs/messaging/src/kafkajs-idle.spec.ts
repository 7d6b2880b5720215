import { createRequire } from 'node:module';
import { quietKafkajsIdleTimers } from './kafkajs-idle';

// The patch applies to kafkajs as Node loads it (the services), which is not Jest's module registry.
const nodeRequire = createRequire(__filename);

interface Queue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests: jest.Mock;
  scheduleCheckPendingRequests(): void;
}

describe('quietKafkajsIdleTimers', () => {
  const RequestQueue = nodeRequire('kafkajs/src/network/requestQueue') as {
    prototype: Record<string, unknown>;
  };

  beforeAll(() => {
    expect(quietKafkajsIdleTimers()).toBe(true);
  });

  const queue = (pending: unknown[], throttledUntil = -1): Queue =>
    Object.assign(Object.create(RequestQueue.prototype) as Queue, {
      pending,
      throttledUntil,
      throttleCheckTimeoutId: null,
      checkPendingRequests: jest.fn(),
    });

  it('arms no timer when nothing waits (kafkajs 2.2.4 re-arms a 1 ms one forever)', () => {
    const idle = queue([]);
    idle.scheduleCheckPendingRequests();
    expect(idle.throttleCheckTimeoutId).toBeNull();
  });

  it('checks waiting requests when the throttle ends', async () => {
    const waiting = queue([{}], Date.now() + 30);
    waiting.scheduleCheckPendingRequests();
    expect(waiting.throttleCheckTimeoutId).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(waiting.checkPendingRequests).toHaveBeenCalledTimes(1);
    expect(waiting.throttleCheckTimeoutId).toBeNull();
  });

  it('is applied once and reports it', () => {
    expect(quietKafkajsIdleTimers()).toBe(true);
  });
});
