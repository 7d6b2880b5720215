import { CacheKeys, decodeEntry, encodeEntry, stampOf } from './cache-keys';

describe('CacheKeys', () => {
  const keys = new CacheKeys('product-service');

  it('puts every key under one hash tag, so an MGET of entry and versions stays on one cluster node', () => {
    const all = [
      keys.productVersion('p1'),
      keys.listVersion(),
      keys.fxVersion(),
      keys.categoriesVersion(),
      keys.product('p1', 'USD'),
      keys.list({ page: 1, limit: 20, currency: 'EUR' }),
      keys.categoryTree(),
      keys.fxRates(),
    ];
    for (const key of all) expect(key.startsWith('{product-service}:')).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    expect(keys.pattern()).toBe('{product-service}:*');
  });

  it('gives every distinct answer its own key', () => {
    expect(keys.product('p1', 'EUR')).not.toBe(keys.product('p1', 'USD'));
    expect(keys.product('p1', 'EUR')).not.toBe(keys.product('p2', 'EUR'));
    const base = { page: 1, limit: 20, currency: 'EUR' };
    const variants = [
      keys.list(base),
      keys.list({ ...base, page: 2 }),
      keys.list({ ...base, limit: 21 }),
      keys.list({ ...base, currency: 'USD' }),
      keys.list({ ...base, categoryId: 'c1' }),
    ];
    expect(new Set(variants).size).toBe(variants.length);
    // Fields are separated, so digits of one cannot run into the next.
    expect(keys.list({ ...base, page: 1, limit: 120 })).not.toBe(keys.list({ ...base, page: 11, limit: 20 }));
  });

  it('keeps deployments with different prefixes apart', () => {
    expect(new CacheKeys('a').product('p', 'EUR')).not.toBe(new CacheKeys('b').product('p', 'EUR'));
  });
});

describe('cache entries', () => {
  it('hits only with exactly the versions the entry was stamped with', () => {
    const stamp = stampOf(['1700000000001', '1700000000005']);
    expect(stamp).toBe('1700000000001:1700000000005');
    const raw = encodeEntry(stamp!, '{"id":"p1"}');
    expect(decodeEntry(raw, stamp)).toEqual({ hit: true, payload: '{"id":"p1"}' });
    expect(decodeEntry(raw, stampOf(['1700000000002', '1700000000005']))).toEqual({ hit: false });
    expect(decodeEntry(raw, stampOf(['1700000000001', '1700000000006']))).toEqual({ hit: false });
  });

  it('does not confuse one stamp with a prefix of another', () => {
    const raw = encodeEntry('17:5', '{}');
    expect(decodeEntry(raw, '17:55')).toEqual({ hit: false });
    expect(decodeEntry(raw, '1')).toEqual({ hit: false });
  });

  it('stores "not found" as a negative entry', () => {
    expect(decodeEntry(encodeEntry('3', null), '3')).toEqual({ hit: true, payload: null });
  });

  it('keeps payloads that contain the separator intact', () => {
    expect(decodeEntry(encodeEntry('3', '{"name":"a|b"}'), '3')).toEqual({
      hit: true,
      payload: '{"name":"a|b"}',
    });
  });

  it('never caches or hits while a version counter is missing', () => {
    expect(stampOf(['4', null])).toBeNull();
    expect(decodeEntry(encodeEntry('4:', '{}'), null)).toEqual({ hit: false });
    expect(decodeEntry(null, '4')).toEqual({ hit: false });
    expect(decodeEntry('garbage-without-separator', '4')).toEqual({ hit: false });
  });
});
