import type { Money } from '@ecommerce/contracts';

/** Each rule names itself in the failure code of the payment it blocks. */
export type FraudRule = 'fraud_amount_limit' | 'fraud_velocity_limit' | 'fraud_provider_risk';

export interface FraudLimits {
  /** Largest charge in minor units of the payment's own currency, unless `maxAmountByCurrency` has one. */
  maxAmount: number;
  maxAmountByCurrency: Readonly<Record<string, number>>;
  maxAttemptsPerHour: number;
}

export interface FraudInput {
  amount: Money;
  /** The user's payment attempts in the last hour, this one included. */
  attemptsLastHour: number;
}

export type FraudVerdict = { blocked: false } | { blocked: true; rule: FraudRule; detail: string };

/** Pure: the rules checked before the provider is asked; the provider's own risk check comes after. */
export function checkFraud(input: FraudInput, limits: FraudLimits): FraudVerdict {
  const limit = limits.maxAmountByCurrency[input.amount.currency] ?? limits.maxAmount;
  if (input.amount.amount > limit) {
    return {
      blocked: true,
      rule: 'fraud_amount_limit',
      detail: `${input.amount.amount} ${input.amount.currency} exceeds the limit of ${limit}`,
    };
  }
  if (input.attemptsLastHour > limits.maxAttemptsPerHour) {
    return {
      blocked: true,
      rule: 'fraud_velocity_limit',
      detail: `${input.attemptsLastHour} attempts in an hour, at most ${limits.maxAttemptsPerHour} allowed`,
    };
  }
  return { blocked: false };
}
