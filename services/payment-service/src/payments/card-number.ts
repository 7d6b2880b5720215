// A payment method must be a provider token (`pm_...`). Anything carrying a run of 12 to 19 digits,
// separated or not by spaces, dots or dashes, is treated as a card number whether or not its Luhn
// check passes: refusing a false positive costs a declined payment, storing a real number costs PCI scope.
const CARD_NUMBER_LIKE = /(?:\d[\s.-]*){12,19}/;

export const REDACTED_PREFIX = 'redacted-card-number:';

export const looksLikeCardNumber = (paymentMethod: string): boolean => CARD_NUMBER_LIKE.test(paymentMethod);

/** What may be stored and logged instead: the last four digits only, which PCI DSS allows to keep. */
export function redactCardNumber(paymentMethod: string): string {
  const digits = paymentMethod.replace(/\D/g, '');
  return `${REDACTED_PREFIX}****${digits.slice(-4)}`;
}

/** The payment method as it may be persisted: the token itself, or the redacted form of a card number. */
export const storablePaymentMethod = (paymentMethod: string): string =>
  looksLikeCardNumber(paymentMethod) ? redactCardNumber(paymentMethod) : paymentMethod;

export const isRedactedCardNumber = (stored: string): boolean => stored.startsWith(REDACTED_PREFIX);
