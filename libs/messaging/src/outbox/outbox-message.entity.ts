import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One event waiting to be (or already) published. Written by `Outbox.add` in the caller's
 * transaction; the relay publishes rows in `id` order and stamps `published_at`.
 * The schema itself comes from `MESSAGING_MIGRATIONS`; this mapping is for reading rows.
 */
@Entity({ name: 'outbox_messages' })
@Index('outbox_messages_unpublished_idx', ['id'], { where: 'published_at IS NULL' })
export class OutboxMessageEntity {
  /** bigserial: the publish order. A bigint arrives from pg as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid', unique: true })
  eventId!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  /** The whole envelope, exactly what goes into the Kafka message value. */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  headers!: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** Set when Kafka refused the row for good; later rows of the same topic and key wait behind it. */
  @Column({ name: 'parked_at', type: 'timestamptz', nullable: true })
  parkedAt!: Date | null;

  @Column({ name: 'park_error', type: 'text', nullable: true })
  parkError!: string | null;
}
