import {
  isRedactedCardNumber,
  looksLikeCardNumber,
  redactCardNumber,
  storablePaymentMethod,
} from './card-number';

describe('card number detection', () => {
  it.each([
    '4242424242424242',
    '4242 4242 4242 4242',
    '4242-4242-4242-4242',
    '378282246310005',
    'pan=5555555555554444',
    '4000.0566.5566.5556',
    '1234567890123',
  ])('takes %s for a card number', (value) => {
    expect(looksLikeCardNumber(value)).toBe(true);
  });

  it.each([
    'pm_card_visa',
    'pm_card_chargeDeclinedInsufficientFunds',
    'pm_1PgafyB7WZ01zgkW',
    'tok_12345',
    'pm_card_4242',
  ])('leaves the token %s alone', (value) => {
    expect(looksLikeCardNumber(value)).toBe(false);
  });

  it('keeps only the last four digits', () => {
    const redacted = redactCardNumber('4242 4242 4242 1234');
    expect(redacted).toBe('redacted-card-number:****1234');
    expect(redacted).not.toContain('42424242');
    expect(isRedactedCardNumber(redacted)).toBe(true);
  });

  it('stores tokens as they are and card numbers redacted', () => {
    expect(storablePaymentMethod('pm_card_visa')).toBe('pm_card_visa');
    expect(storablePaymentMethod('5555555555554444')).toBe('redacted-card-number:****4444');
    expect(isRedactedCardNumber('pm_card_visa')).toBe(false);
  });
});
