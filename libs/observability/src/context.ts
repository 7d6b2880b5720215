import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What one unit of work (an HTTP request or a consumed event) carries along: the correlation id
 * shared by everything one request caused, and the id of the event that caused this work.
 */
export interface WorkContext {
  correlationId: string;
  causationId: string | null;
  userId?: string;
}

const storage = new AsyncLocalStorage<WorkContext>();

export const RequestContext = {
  run<T>(context: WorkContext, work: () => T): T {
    return storage.run(context, work);
  },
  current(): WorkContext | undefined {
    return storage.getStore();
  },
  correlationId(): string {
    return storage.getStore()?.correlationId ?? randomUUID();
  },
  causationId(): string | null {
    return storage.getStore()?.causationId ?? null;
  },
};

export const CORRELATION_HEADER = 'x-correlation-id';
