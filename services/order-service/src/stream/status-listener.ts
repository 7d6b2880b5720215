import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { createLogger } from '@ecommerce/observability';
import { Client } from 'pg';
import { ORDER_CONFIG, SERVICE_NAME, type OrderConfig } from '../config';
import { statusChannel, type StatusChange } from '../orders/status-channel';

export interface StatusSubscriber {
  change(change: StatusChange): void;
  /** Notifications may have been missed (the LISTEN connection was re-established): re-read the state. */
  resync(): void;
  /** The service is shutting down. */
  close(): void;
}

const RECONNECT_MS = 1_000;

/**
 * One LISTEN connection per replica, fanned out to the live streams of this replica. Status changes
 * are NOTIFY'd in the transaction that makes them, so every replica hears about every committed
 * change whichever replica (or consumer) made it, and never about one that rolled back.
 */
@Injectable()
export class StatusListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = createLogger(SERVICE_NAME);
  private readonly subscribers = new Map<string, Set<StatusSubscriber>>();
  private readonly channel: string;
  private client?: Client;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(@Inject(ORDER_CONFIG) private readonly config: OrderConfig) {
    this.channel = statusChannel(config.DATABASE_SCHEMA);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    for (const subscriber of [...this.subscribers.values()].flatMap((set) => [...set])) subscriber.close();
    this.subscribers.clear();
    await this.client?.end().catch(() => undefined);
  }

  /** Registers a stream for one order; returns the unsubscribe function. */
  subscribe(orderId: string, subscriber: StatusSubscriber): () => void {
    const set = this.subscribers.get(orderId) ?? new Set<StatusSubscriber>();
    set.add(subscriber);
    this.subscribers.set(orderId, set);
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.subscribers.get(orderId) === set) this.subscribers.delete(orderId);
    };
  }

  /** Open streams of one order on this replica. */
  subscriberCount(orderId: string): number {
    return this.subscribers.get(orderId)?.size ?? 0;
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  private async connect(): Promise<void> {
    const client = new Client({
      host: this.config.DATABASE_HOST,
      port: this.config.DATABASE_PORT,
      database: this.config.DATABASE_NAME,
      user: this.config.DATABASE_USER,
      password: this.config.DATABASE_PASSWORD,
      ssl: this.config.DATABASE_SSL ? { rejectUnauthorized: true } : false,
      application_name: `${SERVICE_NAME}:status-listener`,
    });
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload) this.dispatch(message.payload);
    });
    client.on('error', (error) => this.logger.warn({ err: error }, 'status listener connection failed'));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
      this.client = client;
      // Whatever changed while no connection listened is read again by each stream.
      for (const subscriber of [...this.subscribers.values()].flatMap((set) => [...set])) subscriber.resync();
    } catch (error) {
      this.logger.warn({ err: error }, 'status listener could not connect; retrying');
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), RECONNECT_MS);
    this.reconnectTimer.unref();
  }

  private dispatch(payload: string): void {
    let change: StatusChange;
    try {
      change = JSON.parse(payload) as StatusChange;
    } catch {
      return;
    }
    for (const subscriber of this.subscribers.get(change.orderId) ?? []) subscriber.change(change);
  }
}
