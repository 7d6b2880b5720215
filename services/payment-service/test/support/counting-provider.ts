import type { ChargeRequest, PaymentProvider, RefundRequest } from '../../src/providers/payment-provider';

/** Wraps the real provider and records every call, so a test can assert how often money moved. */
export class CountingProvider implements PaymentProvider {
  readonly charges: ChargeRequest[] = [];
  readonly refunds: RefundRequest[] = [];
  /** Holds every charge until released, to line up concurrent duplicates. */
  private gate?: Promise<void>;

  constructor(private readonly inner: PaymentProvider) {}

  get name() {
    return this.inner.name;
  }

  chargesFor(orderId: string): ChargeRequest[] {
    return this.charges.filter((charge) => charge.orderId === orderId);
  }

  holdCharges(): () => void {
    let release!: () => void;
    this.gate = new Promise((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  async charge(request: ChargeRequest) {
    this.charges.push(request);
    await this.gate;
    return this.inner.charge(request);
  }

  refund(request: RefundRequest) {
    this.refunds.push(request);
    return this.inner.refund(request);
  }

  retrieve(providerRef: string) {
    return this.inner.retrieve(providerRef);
  }
}
