import { decideSettlement, effectiveExpiry } from './reservation-status';

describe('decideSettlement', () => {
  it('releases or commits a live reservation', () => {
    expect(decideSettlement('RESERVED', null, 'release')).toBe('release');
    expect(decideSettlement('RESERVED', null, 'expire')).toBe('release');
    expect(decideSettlement('RESERVED', null, 'commit')).toBe('commit');
  });

  it('ignores repeated and out-of-order commands', () => {
    expect(decideSettlement('RELEASED', 'RELEASED', 'release')).toBe('ignore');
    expect(decideSettlement('RELEASED', 'RELEASED', 'commit')).toBe('ignore');
    expect(decideSettlement('RELEASED', 'EXPIRED', 'expire')).toBe('ignore');
    expect(decideSettlement('RELEASED', 'EXPIRED', 'release')).toBe('ignore');
    expect(decideSettlement('COMMITTED', null, 'commit')).toBe('ignore');
    expect(decideSettlement('COMMITTED', null, 'release')).toBe('restock');
    expect(decideSettlement('COMMITTED', null, 'expire')).toBe('ignore');
  });

  it('never settles a failed reservation', () => {
    expect(decideSettlement('FAILED', null, 'commit')).toBe('ignore');
    expect(decideSettlement('FAILED', null, 'release')).toBe('ignore');
  });

  it('tries a late commit only when the reservation expired', () => {
    expect(decideSettlement('RELEASED', 'EXPIRED', 'commit')).toBe('late-commit');
  });
});

describe('effectiveExpiry', () => {
  const now = new Date('2030-01-01T00:00:00.000Z');

  it('keeps an expiresAt within the TTL', () => {
    expect(effectiveExpiry('2030-01-01T00:05:00.000Z', now, 900).toISOString()).toBe(
      '2030-01-01T00:05:00.000Z',
    );
  });

  it('caps a later expiresAt at the TTL', () => {
    expect(effectiveExpiry('2031-01-01T00:00:00.000Z', now, 900).toISOString()).toBe(
      '2030-01-01T00:15:00.000Z',
    );
  });

  it('keeps an expiresAt already in the past (the sweeper releases it next)', () => {
    expect(effectiveExpiry('2029-12-31T23:59:00.000Z', now, 900).toISOString()).toBe(
      '2029-12-31T23:59:00.000Z',
    );
  });
});
