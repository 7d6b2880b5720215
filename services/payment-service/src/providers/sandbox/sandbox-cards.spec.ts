import { cardBehaviour, chargeOutcome } from './sandbox-cards';

describe('sandbox cards', () => {
  it.each(['pm_card_visa', 'pm_card_mastercard', 'pm_card_amex', 'pm_card_visa_debit'])(
    '%s succeeds',
    (token) => {
      expect(cardBehaviour(token)).toEqual({ result: 'succeed' });
    },
  );

  it.each([
    ['pm_card_chargeDeclined', 'card_declined'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card'],
  ])('%s is declined with %s', (token, code) => {
    expect(cardBehaviour(token)).toEqual({ result: 'decline', code });
  });

  it('blocks pm_card_radarBlock as fraud', () => {
    expect(cardBehaviour('pm_card_radarBlock')).toEqual({ result: 'block', code: 'fraud_provider_risk' });
  });

  it.each(['pm_card_nonsense', 'pm_card_VISA', 'tok_visa', ''])(
    'declines the unknown token %j with a clear code',
    (token) => {
      expect(cardBehaviour(token)).toEqual({ result: 'decline', code: 'payment_method_unknown' });
    },
  );

  it('turns a behaviour into the provider answer', () => {
    expect(chargeOutcome({ result: 'succeed' }, 'pi_1')).toEqual({
      status: 'succeeded',
      providerRef: 'pi_1',
    });
    expect(chargeOutcome({ result: 'decline', code: 'card_declined' }, 'pi_2')).toEqual({
      status: 'declined',
      providerRef: 'pi_2',
      code: 'card_declined',
    });
    expect(chargeOutcome({ result: 'block', code: 'fraud_provider_risk' }, 'pi_3')).toEqual({
      status: 'blocked',
      providerRef: 'pi_3',
      code: 'fraud_provider_risk',
    });
  });
});
