import { canonicalJson, isValidIdempotencyKey, requestHash } from './idempotency';

describe('idempotency', () => {
  it('hashes bodies that differ only in key order or spacing alike', () => {
    const a = JSON.parse(
      '{"paymentMethod":"pm_card_visa","items":[{"productId":"p1","quantity":2}],"shippingAddress":{"city":"Berlin","line1":"A 1"}}',
    );
    const b = JSON.parse(
      '{ "shippingAddress": { "line1": "A 1", "city": "Berlin" }, "items": [ { "quantity": 2, "productId": "p1" } ], "paymentMethod": "pm_card_visa" }',
    );
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(requestHash(a)).toBe(requestHash(b));
    expect(requestHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells apart bodies that differ in a value, in the order of lines, or in a missing field', () => {
    const base = {
      items: [
        { productId: 'p1', quantity: 2 },
        { productId: 'p2', quantity: 1 },
      ],
      paymentMethod: 'pm_card_visa',
    };
    expect(requestHash(base)).not.toBe(requestHash({ ...base, paymentMethod: 'pm_card_chargeDeclined' }));
    expect(requestHash(base)).not.toBe(requestHash({ ...base, items: [...base.items].reverse() }));
    expect(requestHash(base)).not.toBe(requestHash({ items: base.items }));
    expect(requestHash({ quantity: 1 })).not.toBe(requestHash({ quantity: '1' }));
  });

  it('ignores undefined members, as JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson([1, undefined])).toBe('[1,null]');
  });

  it('accepts visible ASCII keys up to 200 characters', () => {
    expect(isValidIdempotencyKey('0b6c4c9e-4a8e-4a5e-9a53-4d2e3f0e9a11')).toBe(true);
    expect(isValidIdempotencyKey('')).toBe(false);
    expect(isValidIdempotencyKey('has space')).toBe(false);
    expect(isValidIdempotencyKey('k'.repeat(201))).toBe(false);
    expect(isValidIdempotencyKey(undefined)).toBe(false);
  });
});
