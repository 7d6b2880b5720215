import { createHash, randomBytes } from 'node:crypto';
import type { Database, Tx } from '@ecommerce/database';
import type {
  ChargeOutcome,
  ChargeRequest,
  PaymentProvider,
  ProviderPaymentState,
  RefundOutcome,
  RefundRequest,
} from '../payment-provider';
import { cardBehaviour, chargeOutcome } from './sandbox-cards';

const newRef = (prefix: string) => `${prefix}_sandbox_${randomBytes(12).toString('hex')}`;
const fingerprint = (request: object) => createHash('sha256').update(JSON.stringify(request)).digest('hex');

interface StoredOperation<T> {
  requestHash: string;
  result: T;
}

/**
 * The provider used when no Stripe key is configured. It follows Stripe's test PaymentMethod ids and
 * keeps its state (charges, refunds, answers by idempotency key) in the service's database, so it
 * behaves like a real provider across restarts: the same key always gets the same answer, and the
 * same key with a different request is refused, as Stripe does.
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;

  constructor(private readonly db: Database) {}

  charge(request: ChargeRequest): Promise<ChargeOutcome> {
    const requestHash = fingerprint({
      amount: request.amount,
      paymentMethod: request.paymentMethod,
      orderId: request.orderId,
    });
    return this.db.transaction(async (tx) => {
      const ref = newRef('pi');
      const outcome = chargeOutcome(cardBehaviour(request.paymentMethod), ref);
      // A concurrent call with the same key waits here on the primary key, then reads the first answer.
      const claimed: unknown[] = await tx.query(
        `INSERT INTO sandbox_operations (idempotency_key, operation, request_hash, result) VALUES ($1, 'charge', $2, $3::jsonb)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1`,
        [request.idempotencyKey, requestHash, JSON.stringify(outcome)],
      );
      if (claimed.length === 0)
        return this.replay<ChargeOutcome>(tx, request.idempotencyKey, requestHash, 'charge');
      await tx.query(
        `INSERT INTO sandbox_charges (ref, amount, currency, status, failure_code) VALUES ($1, $2, $3, $4, $5)`,
        [
          ref,
          request.amount.amount,
          request.amount.currency,
          outcome.status === 'succeeded' ? 'succeeded' : 'failed',
          outcome.status === 'succeeded' ? null : (outcome as { code: string }).code,
        ],
      );
      return outcome;
    });
  }

  refund(request: RefundRequest): Promise<RefundOutcome> {
    const requestHash = fingerprint({ amount: request.amount, providerRef: request.providerRef });
    return this.db.transaction(async (tx) => {
      // The charge row is the lock: refunds of one charge, and retries of one refund, queue here.
      const charges: { amount: string; currency: string; status: string; amountRefunded: string }[] =
        await tx.query(
          `SELECT amount, currency, status, amount_refunded AS "amountRefunded" FROM sandbox_charges WHERE ref = $1 FOR UPDATE`,
          [request.providerRef],
        );
      const previous = await this.find<RefundOutcome>(tx, request.idempotencyKey);
      if (previous) return this.sameRequest(previous, requestHash, 'refund');
      const charge = charges[0];
      const outcome: RefundOutcome =
        !charge || charge.status !== 'succeeded'
          ? { status: 'failed', code: 'charge_not_refundable' }
          : charge.currency !== request.amount.currency
            ? { status: 'failed', code: 'currency_mismatch' }
            : Number(charge.amountRefunded) + request.amount.amount > Number(charge.amount)
              ? { status: 'failed', code: 'charge_already_refunded' }
              : { status: 'succeeded', providerRef: newRef('re') };
      if (outcome.status === 'succeeded') {
        await tx.query(`UPDATE sandbox_charges SET amount_refunded = amount_refunded + $2 WHERE ref = $1`, [
          request.providerRef,
          request.amount.amount,
        ]);
      }
      await tx.query(
        `INSERT INTO sandbox_operations (idempotency_key, operation, request_hash, result) VALUES ($1, 'refund', $2, $3::jsonb)`,
        [request.idempotencyKey, requestHash, JSON.stringify(outcome)],
      );
      return outcome;
    });
  }

  async retrieve(providerRef: string): Promise<ProviderPaymentState> {
    const rows: { status: 'succeeded' | 'failed'; amountRefunded: string; failureCode: string | null }[] =
      await this.db.manager.query(
        `SELECT status, amount_refunded AS "amountRefunded", failure_code AS "failureCode" FROM sandbox_charges WHERE ref = $1`,
        [providerRef],
      );
    const charge = rows[0];
    if (!charge) return { status: 'not_found', amountRefunded: 0 };
    return {
      status: charge.status,
      amountRefunded: Number(charge.amountRefunded),
      ...(charge.failureCode ? { code: charge.failureCode } : {}),
    };
  }

  private async find<T>(tx: Tx, idempotencyKey: string): Promise<StoredOperation<T> | undefined> {
    const rows: StoredOperation<T>[] = await tx.query(
      `SELECT request_hash AS "requestHash", result FROM sandbox_operations WHERE idempotency_key = $1`,
      [idempotencyKey],
    );
    return rows[0];
  }

  private async replay<T>(
    tx: Tx,
    idempotencyKey: string,
    requestHash: string,
    operation: string,
  ): Promise<T> {
    const previous = await this.find<T>(tx, idempotencyKey);
    if (!previous) throw new Error(`sandbox ${operation} ${idempotencyKey} vanished`);
    return this.sameRequest(previous, requestHash, operation);
  }

  private sameRequest<T>(previous: StoredOperation<T>, requestHash: string, operation: string): T {
    if (previous.requestHash !== requestHash) {
      return (
        operation === 'charge'
          ? { status: 'rejected', providerRef: null, code: 'idempotency_key_reused' }
          : { status: 'failed', code: 'idempotency_key_reused' }
      ) as T;
    }
    return previous.result;
  }
}
