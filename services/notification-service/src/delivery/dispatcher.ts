import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { createLogger } from '@ecommerce/observability';
import { Client, type ClientConfig } from 'pg';
import { NOTIFICATION_CONFIG, SERVICE_NAME, type NotificationConfig } from '../config';
import { DeliverNotificationUseCase } from './deliver-notification';
import { dispatcherBacklog } from './delivery.metrics';
import { DeliveryRepository } from './delivery.repository';

const CHANNEL = 'notifications';

/**
 * Sends PENDING notifications. Every replica runs one; each claims batches with SKIP LOCKED, so they
 * share the work without sending one notification twice. Idle, it sleeps: it wakes on the NOTIFY
 * that every recording transaction sends when it commits, when the next retry falls due, or after
 * NOTIFICATION_POLL_INTERVAL_MS in case a notification was missed (a dropped LISTEN connection).
 */
@Injectable()
export class Dispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = createLogger(SERVICE_NAME);
  private listener?: Client;
  private loop?: Promise<void>;
  private stopped = false;
  /** Set by a NOTIFY while a batch is in flight, so the loop does not go to sleep on news. */
  private woken = false;
  private endSleep?: () => void;

  constructor(
    private readonly db: Database,
    private readonly deliver: DeliverNotificationUseCase,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.NOTIFICATION_DISPATCHER_ENABLED) return;
    await this.listen();
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** Claims, sends and records one batch; returns how many notifications it took. */
  async dispatchOnce(): Promise<number> {
    const batch = await DeliveryRepository.claim(
      this.db.manager,
      this.config.NOTIFICATION_BATCH_SIZE,
      this.config.NOTIFICATION_CLAIM_TIMEOUT_MS,
    );
    await this.deliver.execute(batch);
    return batch.length;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let pause = this.config.NOTIFICATION_POLL_INTERVAL_MS;
      try {
        this.woken = false;
        const taken = await this.dispatchOnce();
        // A full batch means more may be due: go on at once.
        if (taken === this.config.NOTIFICATION_BATCH_SIZE) continue;
        const backlog = await DeliveryRepository.backlog(this.db.manager);
        dispatcherBacklog.set(backlog.pending);
        if (backlog.nextDueInMs !== null)
          pause = Math.max(0, Math.min(pause, Math.ceil(backlog.nextDueInMs)));
      } catch (error) {
        this.logger.error(
          { err: error },
          'notification dispatch failed; trying again after the poll interval',
        );
      }
      await this.sleep(pause);
    }
  }

  private wake(): void {
    this.woken = true;
    this.endSleep?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.endSleep?.(), ms);
      this.endSleep = () => {
        clearTimeout(timer);
        this.endSleep = undefined;
        resolve();
      };
    });
  }

  /**
   * Opens the LISTEN connection. Losing it (or failing to open it) only costs latency, since the poll
   * still runs, so it is re-opened after one poll interval, for as long as it takes.
   */
  private async listen(): Promise<void> {
    const client = new Client(this.listenerConfig());
    client.on('notification', () => this.wake());
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn({ err: error }, 'notification LISTEN connection lost; polling until it is back');
      this.reconnectLater();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // Stopped while connecting: nobody else will close it.
      if (this.stopped && this.listener === client) {
        this.listener = undefined;
        await client.end();
      }
    } catch (error) {
      lost(error as Error);
    }
  }

  private reconnectLater(): void {
    setTimeout(() => {
      if (!this.stopped) void this.listen();
    }, this.config.NOTIFICATION_POLL_INTERVAL_MS).unref();
  }

  // The same database, credentials and schema search path as the pool, on a connection of its own:
  // LISTEN belongs to one connection for as long as it runs.
  private listenerConfig(): ClientConfig {
    const options = this.db.dataSource.options as {
      host?: string;
      port?: number;
      username?: string;
      password?: string;
      database?: string;
      ssl?: unknown;
      extra?: { options?: string };
    };
    return {
      host: options.host,
      port: options.port,
      user: options.username,
      password: typeof options.password === 'string' ? options.password : undefined,
      database: options.database,
      ssl: options.ssl as ClientConfig['ssl'],
      options: options.extra?.options,
      application_name: `${SERVICE_NAME}-dispatcher`,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    };
  }
}
