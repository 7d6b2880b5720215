import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ADMIN, expectProblem, registerAndLogin, startUserService } from './support/user-service';

describe('user-service profiles, addresses and admin (real PostgreSQL, Redis, Kafka)', () => {
  let app: INestApplication;
  let adminToken: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startUserService();
    adminToken = (await http().post('/api/auth/login').send(ADMIN).expect(200)).body.accessToken;
  });
  afterAll(() => app.close());

  it('shows and renames the caller', async () => {
    const user = await registerAndLogin(app);
    const me = await http().get('/api/users/me').auth(user.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body).toEqual({
      id: user.id,
      email: user.email,
      name: 'Test User',
      roles: ['customer'],
      createdAt: expect.any(String),
    });
    const renamed = await http()
      .patch('/api/users/me')
      .auth(user.accessToken, { type: 'bearer' })
      .send({ name: 'Renamed' })
      .expect(200);
    expect(renamed.body.name).toBe('Renamed');
    expectProblem(
      await http()
        .patch('/api/users/me')
        .auth(user.accessToken, { type: 'bearer' })
        .send({ email: 'x@example.com' }),
      400,
    );
  });

  it('refuses a null or blank name with a 400 naming the field, and keeps the name', async () => {
    const user = await registerAndLogin(app);
    for (const name of [null, '   ', 42]) {
      const answer = await http()
        .patch('/api/users/me')
        .auth(user.accessToken, { type: 'bearer' })
        .send({ name });
      expectProblem(answer, 400);
      expect(answer.body.errors).toHaveProperty('name');
    }
    const me = await http().get('/api/users/me').auth(user.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body.name).toBe('Test User');
  });

  it('documents in its OpenAPI document the constraints it enforces and the errors it answers', async () => {
    const document = (await http().get('/docs-json').expect(200)).body;
    const schemas = document.components.schemas;
    expect(schemas.UpdateMeDto.properties.name).toMatchObject({ minLength: 1, maxLength: 100 });
    expect(schemas.UpdateMeDto.properties.name.nullable).toBeUndefined();
    expect(schemas.RegisterDto.properties.password).toMatchObject({ minLength: 10, maxLength: 256 });
    expect(Object.keys(document.paths['/api/auth/login'].post.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '429', '500', '503']),
    );
    expect(Object.keys(document.paths['/api/auth/register'].post.responses)).toContain('409');
    expect(document.paths['/api/users/{id}/roles'].patch.parameters).toContainEqual(
      expect.objectContaining({
        name: 'id',
        in: 'path',
        schema: expect.objectContaining({ format: 'uuid' }),
      }),
    );
  });

  it('answers 401 without a token, with a tampered token and with a malformed header', async () => {
    const user = await registerAndLogin(app);
    expectProblem(await http().get('/api/users/me'), 401);
    const [head, payload, signature] = user.accessToken.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), roles: ['admin'] }),
    ).toString('base64url');
    expectProblem(
      await http().get('/api/users').auth(`${head}.${forgedPayload}.${signature}`, { type: 'bearer' }),
      401,
    );
    expectProblem(await http().get('/api/users/me').set('Authorization', `Basic ${user.accessToken}`), 401);
  });

  it('keeps each customer to their own addresses', async () => {
    const alice = await registerAndLogin(app);
    const bob = await registerAndLogin(app);
    const created = await http()
      .post('/api/users/me/addresses')
      .auth(alice.accessToken, { type: 'bearer' })
      .send({ line1: '1 Main Street', city: 'Lyon', postalCode: '69001', country: 'fr' })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      line1: '1 Main Street',
      city: 'Lyon',
      postalCode: '69001',
      country: 'FR',
    });

    expect(
      (await http().get('/api/users/me/addresses').auth(alice.accessToken, { type: 'bearer' }).expect(200))
        .body,
    ).toHaveLength(1);
    expect(
      (await http().get('/api/users/me/addresses').auth(bob.accessToken, { type: 'bearer' }).expect(200))
        .body,
    ).toEqual([]);
    expectProblem(
      await http()
        .delete(`/api/users/me/addresses/${created.body.id}`)
        .auth(bob.accessToken, { type: 'bearer' }),
      404,
    );
    await http()
      .delete(`/api/users/me/addresses/${created.body.id}`)
      .auth(alice.accessToken, { type: 'bearer' })
      .expect(204);
    expectProblem(
      await http()
        .delete(`/api/users/me/addresses/${created.body.id}`)
        .auth(alice.accessToken, { type: 'bearer' }),
      404,
    );

    const invalid = await http()
      .post('/api/users/me/addresses')
      .auth(alice.accessToken, { type: 'bearer' })
      .send({ line1: '', city: 'Lyon', country: 'France' });
    expectProblem(invalid, 400);
    expect(Object.keys(invalid.body.errors).sort()).toEqual(['country', 'line1', 'postalCode']);
    expectProblem(
      await http().delete('/api/users/me/addresses/not-a-uuid').auth(alice.accessToken, { type: 'bearer' }),
      400,
    );
  });

  it('lets only admins list users and change roles', async () => {
    const customer = await registerAndLogin(app);
    expectProblem(await http().get('/api/users').auth(customer.accessToken, { type: 'bearer' }), 403);

    const page = await http()
      .get('/api/users?page=1&limit=2')
      .auth(adminToken, { type: 'bearer' })
      .expect(200);
    expect(page.body).toMatchObject({ page: 1, limit: 2, total: expect.any(Number) });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.items[0]).not.toHaveProperty('passwordHash');
    expectProblem(await http().get('/api/users?limit=1000').auth(adminToken, { type: 'bearer' }), 400);

    const promoted = await http()
      .patch(`/api/users/${customer.id}/roles`)
      .auth(adminToken, { type: 'bearer' })
      .send({ roles: ['customer', 'admin'] })
      .expect(200);
    expect(promoted.body.roles).toEqual(['admin', 'customer']);
    expectProblem(
      await http()
        .patch(`/api/users/${customer.id}/roles`)
        .auth(adminToken, { type: 'bearer' })
        .send({ roles: ['root'] }),
      400,
    );
    expectProblem(
      await http()
        .patch(`/api/users/${randomUUID()}/roles`)
        .auth(adminToken, { type: 'bearer' })
        .send({ roles: ['customer'] }),
      404,
    );
  });

  it('answers problem+json 404 for unknown routes', async () => {
    expectProblem(await http().get('/api/nothing-here'), 404);
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    await http().get('/health/live').expect(200);
    const ready = await http().get('/health/ready').expect(200);
    expect(Object.keys(ready.body.info)).toEqual(expect.arrayContaining(['postgres', 'redis', 'kafka']));
    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.text).toContain('http_server_requests_seconds_bucket');
    const docs = await http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/register', '/api/users/me/addresses']),
    );
  });
});
