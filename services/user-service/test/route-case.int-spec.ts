import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PasswordHasher } from '../src/auth/password-hasher';
import { expectProblem, registerAndLogin, startUserService } from './support/user-service';

describe('routes match their case exactly', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startUserService();
  });
  afterAll(() => app.close());

  it('answers 404 for /api/auth/LOGIN instead of logging in past the gateway limit of /api/auth/login', async () => {
    const user = await registerAndLogin(app);
    const verify = jest.spyOn(PasswordHasher, 'verify');
    for (const path of ['/api/auth/LOGIN', '/API/auth/login', '/api/Auth/Login']) {
      expectProblem(
        await request(app.getHttpServer()).post(path).send({ email: user.email, password: user.password }),
        404,
      );
    }
    expect(verify).not.toHaveBeenCalled();
    verify.mockRestore();
  });
});
