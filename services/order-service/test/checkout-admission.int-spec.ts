import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTestEnvironment, startTestApp, type TestApp, type TestEnvironment } from './support/app';
import { orderBody, orderRow, seedProduct } from './support/fixtures';
import { expectProblem } from './support/problem';

jest.setTimeout(60_000);

/**
 * Nothing answers the saga's commands here, so every accepted order stays waiting for its
 * reservation: the count of sagas in flight is exactly the orders placed and not cancelled.
 */
describe('checkout admission', () => {
  const LIMIT = 3;
  // Counts go stale within a burst, so bursts meet recounts while placements are still running.
  const REFRESH_MS = 10;
  let env: TestEnvironment;
  let t: TestApp;

  beforeAll(async () => {
    env = await createTestEnvironment();
    t = await startTestApp(env, {
      ORDER_MAX_SAGAS_IN_FLIGHT: String(LIMIT),
      ORDER_ADMISSION_REFRESH_MS: String(REFRESH_MS),
    });
  }, 90_000);

  afterAll(async () => {
    await t?.close();
    await env?.drop();
  }, 60_000);

  const post = (auth: string, body: object, key: string = randomUUID()) =>
    request(t.http).post('/api/orders').set('Authorization', auth).set('Idempotency-Key', key).send(body);
  const ordersOf = async (userId: string): Promise<number> =>
    (
      (await t.db.manager.query(`SELECT count(*)::int AS n FROM orders WHERE user_id = $1`, [userId])) as {
        n: number;
      }[]
    )[0]!.n;

  it('admits no more than the limit when a burst arrives between two counts', async () => {
    const productId = await seedProduct(t.db);
    const { id: userId, auth } = await env.tokens.newCustomer();
    const burst = await Promise.all(
      Array.from({ length: 30 }, () => post(auth, orderBody([{ productId, quantity: 1 }]))),
    );
    const admitted = burst.filter((response) => response.status === 202);
    expect(admitted).toHaveLength(LIMIT);
    for (const response of burst.filter((r) => r.status !== 202))
      expectProblem(response, 503, 'CHECKOUT_BUSY');
    expect(await ordersOf(userId)).toBe(LIMIT);

    for (const response of admitted)
      expect(
        (
          await request(t.http)
            .post(`/api/orders/${response.body.id as string}/cancel`)
            .set('Authorization', auth)
        ).status,
      ).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, REFRESH_MS * 2));
  });

  it('turns checkouts away with 503 and Retry-After while the limit of sagas waits, and admits again once one ends', async () => {
    const productId = await seedProduct(t.db);
    const { id: userId, auth } = await env.tokens.newCustomer();
    const body = orderBody([{ productId, quantity: 1 }]);

    const firstKey = randomUUID();
    const accepted = [await post(auth, body, firstKey)];
    for (let i = 1; i < LIMIT; i += 1) accepted.push(await post(auth, body));
    expect(accepted.map((response) => response.status)).toEqual(Array(LIMIT).fill(202));

    const refused = await post(auth, body);
    expectProblem(refused, 503, 'CHECKOUT_BUSY');
    expect(refused.headers['retry-after']).toBe('1');
    expect(await ordersOf(userId)).toBe(LIMIT);

    // A retry of an order already placed is still answered: it starts no saga.
    const retried = await post(auth, body, firstKey);
    expect(retried.status).toBeLessThan(300);
    expect(retried.body.id).toBe(accepted[0]!.body.id);

    const cancelled = await request(t.http)
      .post(`/api/orders/${accepted[0]!.body.id as string}/cancel`)
      .set('Authorization', auth);
    expect(cancelled.status).toBe(202);
    expect(await orderRow(t.db, accepted[0]!.body.id as string)).toMatchObject({ stepDeadline: null });
    await new Promise((resolve) => setTimeout(resolve, REFRESH_MS * 2));

    expect((await post(auth, body)).status).toBe(202);
    expectProblem(await post(auth, body), 503, 'CHECKOUT_BUSY');
    expect(await ordersOf(userId)).toBe(LIMIT + 1);
  });
});
