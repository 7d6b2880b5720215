import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@ecommerce/contracts';
import { Database, type Tx } from '@ecommerce/database';
import { EventConsumers } from '@ecommerce/messaging';
import { PAYMENT_CONFIG, type PaymentConfig } from './config';
import { AuthorizePaymentUseCase } from './payments/authorize-payment';
import { refundIdForCommand } from './refunds/refund-id';
import { RefundPaymentUseCase } from './refunds/refund-payment';

// With `database` every handler gets the transaction that also writes the inbox row.
const inTx = (tx: Tx | undefined): Tx => {
  if (!tx) throw new Error('payment handlers run inside the inbox transaction');
  return tx;
};

/** order-service's payment commands. Handlers only translate; the use cases decide. */
@Injectable()
export class PaymentConsumers implements OnApplicationBootstrap {
  constructor(
    private readonly db: Database,
    private readonly consumers: EventConsumers,
    private readonly authorize: AuthorizePaymentUseCase,
    private readonly refunds: RefundPaymentUseCase,
    @Inject(PAYMENT_CONFIG) private readonly config: PaymentConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.register({
      groupId: this.config.KAFKA_CONSUMER_GROUP,
      topics: [Topics.paymentCommands],
      database: this.db,
      fromBeginning: this.config.KAFKA_FROM_BEGINNING,
      partitionsConsumedConcurrently: this.config.KAFKA_PARTITIONS_CONCURRENCY,
      handlers: {
        'payment.authorize': async (event, tx) => {
          await this.authorize.execute(inTx(tx), event.data);
        },
        'payment.refund': async (event, tx) => {
          const { orderId, paymentId, amount } = event.data;
          await this.refunds.execute(
            {
              refundId: refundIdForCommand(event.id),
              paymentId,
              orderId,
              amount: amount.amount,
              currency: amount.currency,
              source: 'command',
            },
            inTx(tx),
          );
        },
      },
    });
  }
}
