import { ContractViolation, createEnvelope } from '@ecommerce/contracts';
import { PoisonMessageError } from '../errors';
import { decodeEnvelope } from './decode';

const productId = '0b9a1c6e-5a8e-4a4e-9a51-6a1f3d1c2b7e';
const valid = createEnvelope(
  { type: 'inventory.stock-changed', aggregateId: productId, data: { productId, available: 3 } },
  { source: 'test' },
);
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const handlesAll = () => true;

describe('decodeEnvelope', () => {
  it('returns a valid envelope', () => {
    expect(decodeEnvelope(json(valid), handlesAll)).toEqual({ kind: 'event', envelope: valid });
  });

  it('calls a missing value and a non-JSON value poison', () => {
    const empty = decodeEnvelope(null, handlesAll);
    const garbage = decodeEnvelope(Buffer.from('{not json'), handlesAll);
    expect(empty.kind === 'poison' && empty.error).toBeInstanceOf(PoisonMessageError);
    expect(garbage.kind === 'poison' && garbage.error.message).toMatch(/not JSON/);
  });

  it('calls data that breaks the contract poison', () => {
    const decoded = decodeEnvelope(json({ ...valid, data: { productId, available: -1 } }), handlesAll);
    expect(decoded.kind).toBe('poison');
    expect(decoded.kind === 'poison' && decoded.error).toBeInstanceOf(ContractViolation);
    expect(decoded.kind === 'poison' && decoded.type).toBe('inventory.stock-changed');
  });

  it('calls a broken envelope poison', () => {
    const { id: _id, ...withoutId } = valid;
    expect(decodeEnvelope(json(withoutId), handlesAll).kind).toBe('poison');
    expect(decodeEnvelope(json([1, 2]), handlesAll).kind).toBe('poison');
  });

  it('skips a type without a handler before validating it, whether the contracts know it or not', () => {
    expect(decodeEnvelope(json({ ...valid, type: 'inventory.teleported' }), () => false)).toEqual({
      kind: 'unhandled',
      type: 'inventory.teleported',
    });
    expect(decodeEnvelope(json({ ...valid, data: {} }), () => false)).toEqual({
      kind: 'unhandled',
      type: 'inventory.stock-changed',
    });
  });

  it('skips by the type header without reading the value', () => {
    expect(decodeEnvelope(Buffer.from('{not json'), () => false, 'product.updated')).toEqual({
      kind: 'unhandled',
      type: 'product.updated',
    });
    expect(
      decodeEnvelope(Buffer.from('{not json'), (type) => type === 'product.updated', 'product.updated').kind,
    ).toBe('poison');
  });

  it('validates a type it handles', () => {
    expect(decodeEnvelope(json({ ...valid, data: {} }), handlesAll).kind).toBe('poison');
  });
});
