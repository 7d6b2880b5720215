import { checkFraud, type FraudLimits } from './fraud-rules';

const limits: FraudLimits = {
  maxAmount: 100_000,
  maxAmountByCurrency: { JPY: 5_000_000 },
  maxAttemptsPerHour: 3,
};
const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('fraud rules', () => {
  it('lets an ordinary payment through', () => {
    expect(checkFraud({ amount: eur(100_000), attemptsLastHour: 3 }, limits)).toEqual({ blocked: false });
  });

  it('blocks an amount above the limit', () => {
    expect(checkFraud({ amount: eur(100_001), attemptsLastHour: 1 }, limits)).toMatchObject({
      blocked: true,
      rule: 'fraud_amount_limit',
    });
  });

  it('uses the limit of the payment currency where one is set', () => {
    expect(
      checkFraud({ amount: { amount: 4_000_000, currency: 'JPY' }, attemptsLastHour: 1 }, limits),
    ).toEqual({ blocked: false });
    expect(
      checkFraud({ amount: { amount: 5_000_001, currency: 'JPY' }, attemptsLastHour: 1 }, limits),
    ).toMatchObject({ rule: 'fraud_amount_limit' });
  });

  it('blocks too many attempts in an hour', () => {
    expect(checkFraud({ amount: eur(100), attemptsLastHour: 4 }, limits)).toMatchObject({
      blocked: true,
      rule: 'fraud_velocity_limit',
    });
  });

  it('names the amount rule first when both apply', () => {
    expect(checkFraud({ amount: eur(200_000), attemptsLastHour: 10 }, limits)).toMatchObject({
      rule: 'fraud_amount_limit',
    });
  });
});
