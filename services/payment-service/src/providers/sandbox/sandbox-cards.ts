import type { ChargeOutcome } from '../payment-provider';

export type CardBehaviour =
  { result: 'succeed' } | { result: 'decline'; code: string } | { result: 'block'; code: string };

// Stripe's test PaymentMethod ids (https://docs.stripe.com/testing#cards), so the same tokens behave
// alike against Stripe test mode and this sandbox.
const SUCCEEDING = new Set([
  'pm_card_visa',
  'pm_card_visa_debit',
  'pm_card_mastercard',
  'pm_card_mastercard_debit',
  'pm_card_mastercard_prepaid',
  'pm_card_amex',
  'pm_card_discover',
  'pm_card_diners',
  'pm_card_jcb',
  'pm_card_unionpay',
  'pm_card_cartesBancaires',
  'pm_card_interac',
  'pm_card_eftposAuDebit',
  'pm_card_us',
  'pm_card_de',
  'pm_card_fr',
  'pm_card_gb',
]);

const DECLINING: Record<string, string> = {
  pm_card_chargeDeclined: 'card_declined',
  pm_card_chargeDeclinedInsufficientFunds: 'insufficient_funds',
  pm_card_chargeDeclinedLostCard: 'lost_card',
  pm_card_chargeDeclinedStolenCard: 'stolen_card',
  pm_card_chargeDeclinedExpiredCard: 'expired_card',
  pm_card_chargeDeclinedIncorrectCvc: 'incorrect_cvc',
  pm_card_chargeDeclinedProcessingError: 'processing_error',
  pm_card_chargeDeclinedVelocityLimitExceeded: 'card_velocity_exceeded',
};

// Blocked by the provider's risk check (Stripe Radar).
const BLOCKED = new Set(['pm_card_radarBlock', 'pm_card_chargeDeclinedFraudulent']);

/** Pure: what the sandbox does with a payment method token. An unknown token is declined, never charged. */
export function cardBehaviour(paymentMethod: string): CardBehaviour {
  if (SUCCEEDING.has(paymentMethod)) return { result: 'succeed' };
  const declineCode = DECLINING[paymentMethod];
  if (declineCode) return { result: 'decline', code: declineCode };
  if (BLOCKED.has(paymentMethod)) return { result: 'block', code: 'fraud_provider_risk' };
  return { result: 'decline', code: 'payment_method_unknown' };
}

export function chargeOutcome(behaviour: CardBehaviour, providerRef: string): ChargeOutcome {
  switch (behaviour.result) {
    case 'succeed':
      return { status: 'succeeded', providerRef };
    case 'decline':
      return { status: 'declined', providerRef, code: behaviour.code };
    case 'block':
      return { status: 'blocked', providerRef, code: behaviour.code };
    default:
      return behaviour satisfies never;
  }
}
