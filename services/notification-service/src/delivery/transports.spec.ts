import { InAppTransport } from './in-app-transport';
import { LogTransport } from './log-transport';
import { classifySendGridError } from './sendgrid-transport';

describe('classifySendGridError', () => {
  it.each([400, 401, 403, 404, 413])('treats %i as permanent', (code) => {
    expect(classifySendGridError({ code, message: 'Bad Request' })).toMatchObject({
      ok: false,
      permanent: true,
      statusCode: code,
    });
  });

  it.each([429, 500, 502, 503])('retries %i', (code) => {
    expect(classifySendGridError({ code, message: 'Server Error' })).toMatchObject({
      ok: false,
      permanent: false,
      statusCode: code,
    });
  });

  it('retries network errors', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(classifySendGridError(refused)).toEqual({
      ok: false,
      permanent: false,
      error: 'SendGrid unreachable: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:1',
    });
  });

  it('keeps what SendGrid said about the request', () => {
    const result = classifySendGridError({
      code: 400,
      message: 'Bad Request',
      response: { body: { errors: [{ message: 'invalid email' }] } },
    });
    expect(result.error).toContain('invalid email');
  });
});

describe('LogTransport', () => {
  it('logs the rendered mail as JSON fields and counts it as delivered', async () => {
    const info = jest.fn();
    const transport = new LogTransport({ info }, { email: 'shop@example.com', name: 'Shop' });
    const result = await transport.send({
      notificationId: 'n1',
      channel: 'email',
      email: 'ada@example.com',
      subject: 'Hi',
      body: '<p>Hi</p>',
    });
    expect(result).toEqual({ ok: true });
    expect(info).toHaveBeenCalledWith(
      {
        notificationId: 'n1',
        from: { email: 'shop@example.com', name: 'Shop' },
        to: 'ada@example.com',
        subject: 'Hi',
        html: '<p>Hi</p>',
      },
      expect.any(String),
    );
  });

  it('waits for an address it does not know yet', async () => {
    const transport = new LogTransport({ info: jest.fn() }, { email: 'shop@example.com', name: 'Shop' });
    expect(
      await transport.send({ notificationId: 'n1', channel: 'email', email: null, subject: 'Hi', body: 'x' }),
    ).toMatchObject({ ok: false, permanent: false });
  });
});

describe('InAppTransport', () => {
  it('always delivers', async () => {
    expect(await new InAppTransport().send()).toEqual({ ok: true });
  });
});
