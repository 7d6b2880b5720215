import { checkPaymentMethod } from './payment-method';

describe('checkPaymentMethod', () => {
  it.each(['pm_card_visa', 'pm_card_chargeDeclined', 'pm_1Q0PsIJvEtkwdCNYMSaVuRz6', 'tok_visa'])(
    'accepts the token %s',
    (token) => {
      expect(checkPaymentMethod(token)).toBe('token');
    },
  );

  it.each([
    '4242424242424242',
    '4242 4242 4242 4242',
    '4242-4242-4242-4242',
    '378282246310005',
    '6011111111111117',
    ' 4000056655665556 ',
    'pm_4242424242424242',
  ])('recognises the card number %s', (value) => {
    expect(checkPaymentMethod(value)).toBe('card_number');
  });

  it.each(['', 'x', 'pm card visa', '12345', 42, null, undefined, {}, 'pm_' + 'a'.repeat(300)])(
    'refuses the malformed value %p',
    (value) => {
      expect(checkPaymentMethod(value)).toBe('malformed');
    },
  );
});
