import type { SendResult, Transport } from './transport';

/** In-app notifications are delivered by being stored; the attempt only makes them visible as SENT. */
export class InAppTransport implements Transport {
  readonly name = 'in_app' as const;

  send(): Promise<SendResult> {
    return Promise.resolve({ ok: true });
  }
}
