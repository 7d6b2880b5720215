/** Stripe-style PaymentMethod ids and tokens: `pm_card_visa`, `pm_1Q0PsI...`, `tok_visa`. */
const TOKEN = /^[A-Za-z][A-Za-z0-9_-]{2,254}$/;

/** 12 to 19 digits, optionally grouped by spaces or dashes: what a primary account number looks like. */
const CARD_NUMBER = /^\d(?:[ -]?\d){11,18}$/;

export type PaymentMethodCheck = 'token' | 'card_number' | 'malformed';

/**
 * Only tokens are accepted. A card number must never be stored or logged, so it is recognised
 * before anything else looks at the value, and refused without echoing it.
 */
export function checkPaymentMethod(value: unknown): PaymentMethodCheck {
  if (typeof value !== 'string') return 'malformed';
  const trimmed = value.trim();
  if (CARD_NUMBER.test(trimmed) || /\d{12,19}/.test(trimmed.replace(/[ -]/g, ''))) return 'card_number';
  return TOKEN.test(value) ? 'token' : 'malformed';
}
