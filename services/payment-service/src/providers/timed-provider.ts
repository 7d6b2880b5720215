import type { ChargeRequest, PaymentProvider, ProviderPaymentState, RefundRequest } from './payment-provider';
import { providerCallDuration } from './provider.metrics';

/** Times every provider call into `payments_provider_call_duration_seconds`, by operation and outcome. */
export class TimedProvider implements PaymentProvider {
  constructor(private readonly inner: PaymentProvider) {}

  get name() {
    return this.inner.name;
  }

  charge(request: ChargeRequest) {
    return this.time(
      'charge',
      () => this.inner.charge(request),
      (outcome) => outcome.status,
    );
  }

  refund(request: RefundRequest) {
    return this.time(
      'refund',
      () => this.inner.refund(request),
      (outcome) => outcome.status,
    );
  }

  retrieve(providerRef: string): Promise<ProviderPaymentState> {
    return this.time(
      'retrieve',
      () => this.inner.retrieve(providerRef),
      (state) => state.status,
    );
  }

  private async time<T>(
    operation: string,
    call: () => Promise<T>,
    outcomeOf: (result: T) => string,
  ): Promise<T> {
    const stop = providerCallDuration.startTimer({ provider: this.inner.name, operation });
    try {
      const result = await call();
      stop({ outcome: outcomeOf(result) });
      return result;
    } catch (error) {
      stop({ outcome: 'error' });
      throw error;
    }
  }
}
