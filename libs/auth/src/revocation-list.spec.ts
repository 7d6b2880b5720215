import { RevocationList } from './revocation-list';

describe('RevocationList', () => {
  let now = 1_000_000;
  const list = () => new RevocationList(900, 5, () => now);
  const token = (issuedAtMs: number, roles: ('customer' | 'admin')[] = ['customer']) => ({
    userId: 'u1',
    issuedAtMs,
    roles,
  });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('refuses tokens issued before the revocation instant, to the millisecond, and only for that user', () => {
    const revocations = list();
    revocations.revokeSessions('u1', 500_000);
    expect(revocations.refusalOf(token(499_999))).toBe('revoked');
    expect(revocations.refusalOf(token(500_000))).toBeUndefined();
    expect(revocations.refusalOf({ ...token(1), userId: 'u2' })).toBeUndefined();
  });

  it('keeps the latest revocation when events arrive out of order', () => {
    const revocations = list();
    revocations.revokeSessions('u1', 600_000);
    revocations.revokeSessions('u1', 500_000);
    expect(revocations.refusalOf(token(550_000))).toBe('revoked');
  });

  it('refuses tokens carrying other roles than the latest change, whatever their age', () => {
    const revocations = list();
    revocations.changeRoles('u1', ['customer', 'admin'], 500_000);
    revocations.changeRoles('u1', ['customer'], 400_000); // older, late: ignored
    expect(revocations.refusalOf(token(600_000, ['customer']))).toBe('roles-changed');
    expect(revocations.refusalOf(token(600_000, ['admin', 'customer']))).toBeUndefined();
  });

  it('forgets an entry once every token it could refuse has expired', () => {
    const revocations = list();
    revocations.revokeSessions('u1', now);
    now += 905_000 - 1;
    expect(revocations.refusalOf(token(0))).toBe('revoked');
    now += 1;
    revocations.prune();
    expect(revocations.size).toBe(0);
    expect(revocations.refusalOf(token(0))).toBeUndefined();
  });
});
