import { StockInvariantError, StockLedger } from './stock-ledger';

const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';
const WA = 'aaaaaaaa-0000-4000-8000-000000000000';
const WB = 'bbbbbbbb-0000-4000-8000-000000000000';

const ledger = () =>
  new StockLedger(
    [
      { productId: P1, active: true, threshold: 5, alerted: false },
      { productId: P2, active: true, threshold: 2, alerted: true },
    ],
    [
      { productId: P1, warehouseId: WB, onHand: 10, reserved: 2 },
      { productId: P1, warehouseId: WA, onHand: 4, reserved: 0 },
      { productId: P2, warehouseId: WA, onHand: 1, reserved: 1 },
    ],
  );

describe('StockLedger', () => {
  it('sums availability and reserved units over warehouses', () => {
    const book = ledger();
    expect(book.available(P1)).toBe(12);
    expect(book.reserved(P1)).toBe(2);
    expect(book.rowsOf(P1).map((row) => row.warehouseId)).toEqual([WA, WB]);
  });

  it('nets changes per row and keeps one movement per change', () => {
    const book = ledger();
    book.apply({
      productId: P1,
      warehouseId: WB,
      deltaOnHand: 0,
      deltaReserved: 3,
      reason: 'reservation',
      reference: 'o1',
    });
    book.apply({
      productId: P1,
      warehouseId: WB,
      deltaOnHand: -3,
      deltaReserved: -3,
      reason: 'commit',
      reference: 'o1',
    });
    book.apply({
      productId: P1,
      warehouseId: WA,
      deltaOnHand: 0,
      deltaReserved: 1,
      reason: 'reservation',
      reference: 'o2',
    });
    book.apply({
      productId: P1,
      warehouseId: WA,
      deltaOnHand: 0,
      deltaReserved: -1,
      reason: 'release',
      reference: 'o2',
    });
    expect(book.netChanges()).toEqual([
      { productId: P1, warehouseId: WB, deltaOnHand: -3, deltaReserved: 0 },
    ]);
    expect(book.movements().map((m) => m.reason)).toEqual([
      'reservation',
      'commit',
      'reservation',
      'release',
    ]);
  });

  it('refuses a change that would reserve more than is on hand or un-reserve below zero', () => {
    const book = ledger();
    expect(() =>
      book.apply({
        productId: P1,
        warehouseId: WA,
        deltaOnHand: 0,
        deltaReserved: 5,
        reason: 'reservation',
        reference: null,
      }),
    ).toThrow(StockInvariantError);
    expect(() =>
      book.apply({
        productId: P2,
        warehouseId: WA,
        deltaOnHand: 0,
        deltaReserved: -2,
        reason: 'release',
        reference: null,
      }),
    ).toThrow(StockInvariantError);
    expect(() =>
      book.apply({
        productId: P2,
        warehouseId: WA,
        deltaOnHand: -1,
        deltaReserved: 0,
        reason: 'adjustment',
        reference: null,
      }),
    ).toThrow(StockInvariantError);
    expect(() =>
      book.apply({
        productId: P2,
        warehouseId: WB,
        deltaOnHand: 1,
        deltaReserved: 0,
        reason: 'restock',
        reference: null,
      }),
    ).toThrow(StockInvariantError);
    expect(book.movements()).toEqual([]);
  });

  it('decides the low-stock alarm per changed product', () => {
    const book = ledger();
    book.apply({
      productId: P1,
      warehouseId: WB,
      deltaOnHand: 0,
      deltaReserved: 7,
      reason: 'reservation',
      reference: 'o1',
    });
    book.apply({
      productId: P2,
      warehouseId: WA,
      deltaOnHand: 5,
      deltaReserved: 0,
      reason: 'restock',
      reference: null,
    });
    expect(book.outcomes()).toEqual([
      {
        productId: P1,
        available: 5,
        availableBefore: 12,
        threshold: 5,
        alertedBefore: false,
        alerted: true,
        alert: true,
      },
      {
        productId: P2,
        available: 5,
        availableBefore: 0,
        threshold: 2,
        alertedBefore: true,
        alerted: false,
        alert: false,
      },
    ]);
  });

  it('tells a commit, which leaves availability as it was, from a change of availability', () => {
    const book = ledger();
    // P1's 2 reserved units leave the warehouse: on hand and reserved both drop.
    book.apply({
      productId: P1,
      warehouseId: WB,
      deltaOnHand: -2,
      deltaReserved: -2,
      reason: 'commit',
      reference: 'o1',
    });
    book.apply({
      productId: P2,
      warehouseId: WA,
      deltaOnHand: 0,
      deltaReserved: -1,
      reason: 'release',
      reference: 'o2',
    });
    expect(book.outcomes()).toMatchObject([
      { productId: P1, availableBefore: 12, available: 12 },
      { productId: P2, availableBefore: 0, available: 1 },
    ]);
  });

  it('starts a new row empty', () => {
    const book = ledger();
    book.addRow(P2, WB);
    book.apply({
      productId: P2,
      warehouseId: WB,
      deltaOnHand: 8,
      deltaReserved: 0,
      reason: 'restock',
      reference: null,
    });
    expect(book.row(P2, WB)).toEqual({ productId: P2, warehouseId: WB, onHand: 8, reserved: 0 });
    expect(book.netChanges()).toEqual([{ productId: P2, warehouseId: WB, deltaOnHand: 8, deltaReserved: 0 }]);
  });
});
