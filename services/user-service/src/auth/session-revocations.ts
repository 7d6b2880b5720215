import { Injectable } from '@nestjs/common';
import type { Tx } from '@ecommerce/database';
import { Outbox } from '@ecommerce/messaging';

/**
 * Tells every service, through the outbox, to refuse the user's access tokens issued until now.
 * The instant is taken inside the transaction, before commit: a token issued after it (a new login)
 * stays valid, one issued before it is refused everywhere within moments of the commit.
 */
@Injectable()
export class SessionRevocations {
  constructor(private readonly outbox: Outbox) {}

  async revokeAccessTokens(tx: Tx, userId: string, now = new Date()): Promise<void> {
    await this.outbox.add(tx, {
      type: 'user.sessions-revoked',
      aggregateId: userId,
      data: { userId, revokedBefore: now.toISOString() },
    });
  }
}
