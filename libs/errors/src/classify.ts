import { DomainError, isPermanentKind } from './domain-error';
import { PermanentError, TransientError } from './failures';

/**
 * `transient`: infrastructure that is away for now; retry for as long as it lasts.
 * `permanent`: the same input fails the same way every time; give up on it.
 * `unknown`: anything else (a bug, a TypeError); the caller decides how long to insist.
 */
export type FailureClass = 'transient' | 'permanent' | 'unknown';

/** Socket-level failures of any client (pg, ioredis, undici, kafkajs): the other side is not reachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * PostgreSQL SQLSTATEs that pass on their own (https://www.postgresql.org/docs/current/errcodes-appendix.html):
 * serialization failure and deadlock (run the transaction again), the server shutting down or
 * starting up, too many connections, out of resources, a cancelled statement (statement_timeout, or
 * a failover) and lock timeouts.
 */
const TRANSIENT_SQLSTATES = new Set([
  '40001',
  '40P01',
  '57P01',
  '57P02',
  '57P03',
  '57014',
  '55P03',
  '53000',
  '53100',
  '53200',
  '53300',
  '58000',
  '58030',
]);

/** Class 08 is "connection exception"; class 53 "insufficient resources". */
const TRANSIENT_SQLSTATE_CLASSES = ['08', '53'];

/**
 * Error names the clients give to "could not reach it in time": the Elasticsearch client
 * (ConnectionError, TimeoutError, NoLivingConnectionsError), ioredis (MaxRetriesPerRequestError),
 * TypeORM's pool (a plain Error with a known message, see below), fetch (AbortError after a timeout).
 */
const TRANSIENT_NAMES = new Set([
  'ConnectionError',
  'TimeoutError',
  'NoLivingConnectionsError',
  'MaxRetriesPerRequestError',
  'KafkaJSConnectionError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSConnectionClosedError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
]);

/** Messages of pg, pg-pool and ioredis for a connection that broke or never came. */
const TRANSIENT_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection is closed/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  /socket hang up/i,
];

const SQLSTATE = /^[0-9A-Z]{5}$/;

function classifyOne(error: unknown): FailureClass | undefined {
  if (error instanceof PermanentError) return 'permanent';
  if (error instanceof TransientError) return 'transient';
  if (error instanceof DomainError) return isPermanentKind(error.kind) ? 'permanent' : 'transient';
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, name, message, retriable } = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    retriable?: unknown;
  };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return 'transient';
    if (
      SQLSTATE.test(code) &&
      (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2)))
    )
      return 'transient';
  }
  if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return 'transient';
  // kafkajs marks each of its errors as retriable or not.
  if (typeof name === 'string' && name.startsWith('KafkaJS') && retriable === true) return 'transient';
  if (typeof message === 'string' && TRANSIENT_MESSAGES.some((pattern) => pattern.test(message)))
    return 'transient';
  return undefined;
}

/** Follows `cause` (and TypeORM's `driverError`) so a wrapped connection error is still recognised. */
function* chain(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current) && seen.size < 10) {
    seen.add(current);
    yield current;
    const { driverError, cause, originalError } = current as {
      driverError?: unknown;
      cause?: unknown;
      originalError?: unknown;
    };
    if (driverError !== undefined) yield* chain(driverError);
    current = cause ?? originalError;
  }
}

/** Says whether an error is worth retrying; the first error in the cause chain that is recognised decides. */
export function classifyFailure(error: unknown): FailureClass {
  for (const link of chain(error)) {
    const verdict = classifyOne(link);
    if (verdict) return verdict;
  }
  return 'unknown';
}

export const isTransientFailure = (error: unknown): boolean => classifyFailure(error) === 'transient';
export const isPermanentFailure = (error: unknown): boolean => classifyFailure(error) === 'permanent';
