import { addMoney, convertMoney, money, MoneyError, multiplyMoney, sumMoney } from './money';

describe('Money', () => {
  it('rejects fractional amounts and bad currency codes', () => {
    expect(() => money(10.5, 'EUR')).toThrow(MoneyError);
    expect(() => money(10, 'eur')).toThrow(MoneyError);
    expect(money(1999, 'EUR')).toEqual({ amount: 1999, currency: 'EUR' });
  });

  it('adds, multiplies and sums in minor units', () => {
    expect(addMoney(money(1999, 'EUR'), money(1, 'EUR'))).toEqual(money(2000, 'EUR'));
    expect(multiplyMoney(money(333, 'USD'), 3)).toEqual(money(999, 'USD'));
    expect(sumMoney([money(10, 'USD'), money(20, 'USD')], 'USD')).toEqual(money(30, 'USD'));
    expect(sumMoney([], 'USD')).toEqual(money(0, 'USD'));
  });

  it('never mixes currencies', () => {
    expect(() => addMoney(money(1, 'EUR'), money(1, 'USD'))).toThrow('cannot combine EUR with USD');
  });

  it('converts with one rounding step, half away from zero, honouring minor-unit exponents', () => {
    expect(convertMoney(money(1000, 'EUR'), 'USD', '1.0835')).toEqual(money(1084, 'USD'));
    expect(convertMoney(money(1, 'EUR'), 'USD', '0.5')).toEqual(money(1, 'USD'));
    expect(convertMoney(money(10000, 'USD'), 'JPY', '150.25')).toEqual(money(15025, 'JPY'));
    expect(convertMoney(money(500, 'JPY'), 'EUR', '0.0062')).toEqual(money(310, 'EUR'));
    expect(convertMoney(money(1000, 'EUR'), 'EUR', '7')).toEqual(money(1000, 'EUR'));
    expect(() => convertMoney(money(1, 'EUR'), 'USD', '-1')).toThrow(MoneyError);
  });
});
