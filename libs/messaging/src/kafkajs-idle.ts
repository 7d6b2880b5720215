/**
 * Two timers in kafkajs 2.2.4's per-connection request queue keep an idle process busy:
 *
 * - `scheduleCheckPendingRequests` re-arms itself after every response even when nothing waits: with
 *   no throttle in effect its delay is negative, so it fires every millisecond for as long as the
 *   connection lives (about 1,000 event-loop wake-ups a second per broker connection).
 * - `scheduleRequestTimeoutCheck` looks for timed-out requests every 100 ms.
 *
 * Together they cost an idle service about 3 % of a core. The replacements below check pending
 * requests only while some wait (at the end of a broker throttle, else every 10 ms, as kafkajs
 * does), and look for timed-out requests once a second, which is plenty for a 30 s request timeout.
 * Loaded by `createKafka`; applied once per process, and only to the version it was written for.
 */
import { createRequire } from 'node:module';

interface PendingCheckTimer {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

interface TimeoutChecker {
  enforceRequestTimeout: boolean;
  requestTimeout: number;
  requestTimeoutIntervalId?: NodeJS.Timeout;
  inflight: Map<number, { sentAt: number; requestTimeout: number; timeoutRequest(): void }>;
  isConnected(): boolean;
  destroy(): void;
}

const PATCHED_VERSION = '2.2.4';
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;
const REQUEST_TIMEOUT_CHECK_MS = 1_000;
const applied = Symbol.for('@ecommerce/messaging:kafkajs-idle');

function schedulePendingCheckOnlyWhenNeeded(this: PendingCheckTimer): void {
  // A later push() sends at once or enqueues and comes back here; a response calls
  // checkPendingRequests itself. So with nothing pending there is nothing to schedule.
  if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
  const untilThrottleEnds = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    untilThrottleEnds > 0 ? untilThrottleEnds : CHECK_PENDING_REQUESTS_INTERVAL_MS,
  );
}

function checkRequestTimeoutsEverySecond(this: TimeoutChecker): void {
  if (!this.enforceRequestTimeout) return;
  this.destroy();
  this.requestTimeoutIntervalId = setInterval(
    () => {
      this.inflight.forEach((request) => {
        if (Date.now() - request.sentAt > request.requestTimeout) request.timeoutRequest();
      });
      if (!this.isConnected()) this.destroy();
    },
    Math.min(this.requestTimeout, REQUEST_TIMEOUT_CHECK_MS),
  );
}

/** Returns whether the patch is in place (false for another kafkajs version, which is left alone). */
export function quietKafkajsIdleTimers(): boolean {
  const registry = globalThis as { [applied]?: boolean };
  if (registry[applied] !== undefined) return registry[applied];
  const load = createRequire(__filename);
  const version = (load('kafkajs/package.json') as { version: string }).version;
  if (version !== PATCHED_VERSION) {
    registry[applied] = false;
    return false;
  }
  const RequestQueue = load('kafkajs/src/network/requestQueue') as { prototype: Record<string, unknown> };
  RequestQueue.prototype.scheduleCheckPendingRequests = schedulePendingCheckOnlyWhenNeeded;
  RequestQueue.prototype.scheduleRequestTimeoutCheck = checkRequestTimeoutsEverySecond;
  registry[applied] = true;
  return true;
}
