import { allocate, mergeLines, type ProductStock } from './allocation';

const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';
const WA = 'aaaaaaaa-0000-4000-8000-000000000000';
const WB = 'bbbbbbbb-0000-4000-8000-000000000000';
const WC = 'cccccccc-0000-4000-8000-000000000000';

const stock = (entries: Record<string, ProductStock>) => (productId: string) => entries[productId];
const row = (productId: string, warehouseId: string, onHand: number, reserved = 0) => ({
  productId,
  warehouseId,
  onHand,
  reserved,
});

describe('mergeLines', () => {
  it('adds up repeated products and sorts by product id', () => {
    expect(
      mergeLines([
        { productId: P2, quantity: 1 },
        { productId: P1, quantity: 2 },
        { productId: P2, quantity: 3 },
      ]),
    ).toEqual([
      { productId: P1, quantity: 2 },
      { productId: P2, quantity: 4 },
    ]);
  });
});

describe('allocate', () => {
  it('takes from the warehouse with the most available stock first', () => {
    const result = allocate(
      [{ productId: P1, quantity: 3 }],
      stock({ [P1]: { active: true, rows: [row(P1, WA, 5), row(P1, WB, 10, 2)] } }),
    );
    expect(result).toEqual({ ok: true, allocations: [{ productId: P1, warehouseId: WB, quantity: 3 }] });
  });

  it('spills over to the next warehouse when the first is not enough', () => {
    const result = allocate(
      [{ productId: P1, quantity: 9 }],
      stock({ [P1]: { active: true, rows: [row(P1, WA, 4), row(P1, WB, 6, 0), row(P1, WC, 3, 3)] } }),
    );
    expect(result).toEqual({
      ok: true,
      allocations: [
        { productId: P1, warehouseId: WB, quantity: 6 },
        { productId: P1, warehouseId: WA, quantity: 3 },
      ],
    });
  });

  it('breaks ties by warehouse id, so the choice is deterministic', () => {
    const result = allocate(
      [{ productId: P1, quantity: 1 }],
      stock({ [P1]: { active: true, rows: [row(P1, WB, 5), row(P1, WA, 5)] } }),
    );
    expect(result).toEqual({ ok: true, allocations: [{ productId: P1, warehouseId: WA, quantity: 1 }] });
  });

  it('fails the whole order and lists every short line', () => {
    const result = allocate(
      [
        { productId: P1, quantity: 2 },
        { productId: P2, quantity: 7 },
      ],
      stock({
        [P1]: { active: true, rows: [row(P1, WA, 1)] },
        [P2]: { active: true, rows: [row(P2, WA, 10, 4)] },
      }),
    );
    expect(result).toEqual({
      ok: false,
      shortages: [
        { productId: P1, requested: 2, available: 1 },
        { productId: P2, requested: 7, available: 6 },
      ],
    });
  });

  it('treats unknown and inactive products as having nothing available', () => {
    const result = allocate(
      [
        { productId: P1, quantity: 1 },
        { productId: P2, quantity: 1 },
      ],
      stock({ [P2]: { active: false, rows: [row(P2, WA, 10)] } }),
    );
    expect(result).toEqual({
      ok: false,
      shortages: [
        { productId: P1, requested: 1, available: 0 },
        { productId: P2, requested: 1, available: 0 },
      ],
    });
  });

  it('reserves exactly the last units', () => {
    const result = allocate(
      [{ productId: P1, quantity: 5 }],
      stock({ [P1]: { active: true, rows: [row(P1, WA, 7, 4), row(P1, WB, 2)] } }),
    );
    expect(result).toEqual({
      ok: true,
      allocations: [
        { productId: P1, warehouseId: WA, quantity: 3 },
        { productId: P1, warehouseId: WB, quantity: 2 },
      ],
    });
  });
});
