import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { MAX_PAGE, offsetOf, PageQuery } from './pagination';

function parse(query: Record<string, unknown>): { value: PageQuery; invalid: string[] } {
  const value = plainToInstance(PageQuery, query, { enableImplicitConversion: false });
  const invalid = validateSync(value, { whitelist: true, forbidNonWhitelisted: true }).map(
    (error) => error.property,
  );
  return { value, invalid };
}

describe('PageQuery', () => {
  it('defaults to page 1 of 20', () => {
    expect(parse({})).toEqual({ value: Object.assign(new PageQuery(), { page: 1, limit: 20 }), invalid: [] });
  });

  it('accepts plain decimal integers within bounds', () => {
    const { value, invalid } = parse({ page: String(MAX_PAGE), limit: '100' });
    expect(invalid).toEqual([]);
    expect(value).toMatchObject({ page: MAX_PAGE, limit: 100 });
    expect(Number.isSafeInteger(offsetOf(value))).toBe(true);
  });

  it.each([
    ['page', '99999999999999999999'],
    ['page', '1e306'],
    ['page', '1e3'],
    ['page', '-1'],
    ['page', '0'],
    ['page', '1.5'],
    ['page', '0x10'],
    ['page', ' 5'],
    ['page', ''],
    ['page', 'abc'],
    ['page', String(MAX_PAGE + 1)],
    ['page', ['1', '2']],
    ['limit', '0'],
    ['limit', '101'],
    ['limit', '-1'],
    ['limit', '1e2'],
  ])('refuses %s=%j', (name, raw) => {
    expect(parse({ [name]: raw }).invalid).toEqual([name]);
  });
});
