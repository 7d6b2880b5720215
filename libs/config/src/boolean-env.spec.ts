import { z } from 'zod';
import { booleanEnv } from './boolean-env';

describe('booleanEnv', () => {
  const schema = z.object({ ON: booleanEnv(true), OFF: booleanEnv(false) });

  it('reads true and false, and falls back when unset', () => {
    expect(schema.parse({})).toEqual({ ON: true, OFF: false });
    expect(schema.parse({ ON: 'false', OFF: 'true' })).toEqual({ ON: false, OFF: true });
  });

  it.each(['1', 'yes', 'TRUE', ''])('refuses %j', (value) => {
    expect(schema.safeParse({ ON: value }).success).toBe(false);
  });
});
