import { refundIdForCommand } from './refund-id';

describe('refundIdForCommand', () => {
  it('is the same for the same command and a UUID', () => {
    const eventId = '6f1c9a57-8f55-4a4c-9d54-2d1f7e3b8a10';
    expect(refundIdForCommand(eventId)).toBe(refundIdForCommand(eventId));
    expect(refundIdForCommand(eventId)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('differs between commands', () => {
    expect(refundIdForCommand('a')).not.toBe(refundIdForCommand('b'));
  });
});
