import { assertUnreachable } from '@ecommerce/http';

export const RESERVATION_STATUSES = ['RESERVED', 'RELEASED', 'COMMITTED', 'FAILED'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** Why a reservation was released: by an `inventory.release` command, or by the expiry sweeper. */
export type ReleaseReason = 'RELEASED' | 'EXPIRED';

export type Settlement = 'release' | 'commit' | 'expire';

/**
 * What a settlement does to a reservation in a given state:
 * - `release` / `commit`: the normal RESERVED -> RELEASED | COMMITTED transitions.
 * - `late-commit`: a commit for a reservation that expired before payment finished. The customer has
 *   paid, so stock is taken again if it is still available; if not, nothing changes (and it is logged).
 * - `restock`: a release of a committed reservation: the customer cancelled a confirmed order before it
 *   shipped, so the units it took go back on hand in the warehouses they left.
 * - `ignore`: a repeated or out-of-order command (commit after release, twice the same), expiry of a
 *   settled reservation, or a FAILED reservation that holds nothing. It has no effect and publishes nothing.
 */
export type SettlementDecision = 'release' | 'commit' | 'late-commit' | 'restock' | 'ignore';

export function decideSettlement(
  status: ReservationStatus,
  releaseReason: ReleaseReason | null,
  settlement: Settlement,
): SettlementDecision {
  switch (status) {
    case 'RESERVED':
      return settlement === 'commit' ? 'commit' : 'release';
    case 'RELEASED':
      // A release by command means the order was cancelled: that is final. Only expiry can be outrun.
      return settlement === 'commit' && releaseReason === 'EXPIRED' ? 'late-commit' : 'ignore';
    case 'COMMITTED':
      // Only order-service's release restocks; the expiry sweeper never looks at committed stock.
      return settlement === 'release' ? 'restock' : 'ignore';
    case 'FAILED':
      return 'ignore';
    default:
      return assertUnreachable(status);
  }
}

/**
 * A reservation lasts until the command's `expiresAt`, but never longer than the service's TTL, so a
 * far-future (or malformed-but-valid) date cannot hold stock forever.
 */
export function effectiveExpiry(requested: string, now: Date, ttlSeconds: number): Date {
  const cap = now.getTime() + ttlSeconds * 1_000;
  const asked = Date.parse(requested);
  return new Date(Number.isNaN(asked) ? cap : Math.min(asked, cap));
}
