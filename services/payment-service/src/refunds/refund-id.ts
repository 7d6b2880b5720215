import { createHash } from 'node:crypto';

/**
 * The refund id of a `payment.refund` command, derived from the command's event id: a redelivered
 * command finds its refund (and the provider its idempotency key) instead of paying back twice.
 * Shaped as a version 8 (name-based, custom hash) UUID.
 */
export function refundIdForCommand(eventId: string): string {
  const hex = createHash('sha256').update(`payment.refund:${eventId}`).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
