import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '@ecommerce/database';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../config';
import { DirectoryRepository } from '../directory/user-directory.repository';
import { channelsFor, type Channel } from '../preferences/preference-rules';
import { PreferencesRepository } from '../preferences/preferences.repository';
import type { TemplateKey, TemplateValues } from '../templates/template-catalog';
import { renderBody, renderSubject } from '../templates/template-renderer';
import { TemplatesRepository } from '../templates/templates.repository';
import { notificationsRecorded, notificationsSuppressed } from './notifications.metrics';
import { NotificationsRepository, type NewNotification } from './notifications.repository';

/** What every recipient's row shares: the event and the rendered texts. */
type RenderedBase = Pick<NewNotification, 'eventId' | 'template' | 'subject' | 'body'>;

/** Who a notification is for. */
export type Audience =
  /** A user the event names; `email` when the event itself carries the address (registration). */
  | { kind: 'user'; userId: string; email?: string }
  /** The owner of an order, for events that name only the order. */
  | { kind: 'orderOwner'; orderId: string }
  /** The admins in the directory plus NOTIFICATION_ADMIN_EMAILS. */
  | { kind: 'admins' };

/**
 * Turns an event into PENDING notifications, rendered with the current template, inside the
 * consumer's transaction (so together with its inbox row). Sending is the dispatcher's job.
 */
@Injectable()
export class RecordNotificationsUseCase {
  constructor(@Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig) {}

  async execute(
    tx: Tx,
    eventId: string,
    template: TemplateKey,
    audience: Audience,
    values: TemplateValues,
  ): Promise<number> {
    const stored = await TemplatesRepository.find(tx, template);
    // The migration seeds every key and there is no way to delete one: a missing row is a broken database.
    if (!stored) throw new Error(`template ${template} is missing from the templates table`);
    const rendered = {
      subject: renderSubject(stored.subject, values),
      body: renderBody(stored.body, values),
    };
    const base = { eventId, template, ...rendered };

    const rows = (await this.recipients(tx, template, audience)).map((recipient) => ({
      ...base,
      ...recipient,
    }));
    const recorded = await NotificationsRepository.insert(tx, rows);
    for (const row of rows) notificationsRecorded.inc({ template, channel: row.channel });
    return recorded;
  }

  private async recipients(
    tx: Tx,
    template: TemplateKey,
    audience: Audience,
  ): Promise<Omit<NewNotification, keyof RenderedBase>[]> {
    switch (audience.kind) {
      case 'user':
        return this.forUser(tx, template, audience.userId, audience.email);
      case 'orderOwner': {
        const userId = await DirectoryRepository.orderOwner(tx, audience.orderId);
        if (userId) return this.forUser(tx, template, userId, undefined, audience.orderId);
        // The order's owner is not known yet (its events travel on another topic): record the mail
        // for the order and let the dispatcher find the owner when it sends. Without an owner there
        // are no preferences to ask, so only the always-sent email is recorded.
        return [
          {
            channel: 'email',
            recipient: `order:${audience.orderId}`,
            userId: null,
            orderId: audience.orderId,
            email: null,
          },
        ];
      }
      case 'admins':
        return this.forAdmins(tx);
    }
  }

  private async forUser(
    tx: Tx,
    template: TemplateKey,
    userId: string,
    email?: string,
    orderId: string | null = null,
  ) {
    const preferences = await PreferencesRepository.find(tx, userId);
    const channels = channelsFor(template, preferences);
    for (const channel of (['email', 'in_app'] as const).filter((c) => !channels.includes(c))) {
      notificationsSuppressed.inc({ template, channel });
    }
    const address = email ?? (await DirectoryRepository.find(tx, userId))?.email ?? null;
    return channels.map((channel: Channel) => ({
      channel,
      recipient: userId,
      userId,
      orderId,
      email: channel === 'email' ? address : null,
    }));
  }

  private async forAdmins(tx: Tx) {
    const admins = await DirectoryRepository.admins(tx);
    const fromDirectory = admins.map((admin) => ({
      channel: 'email' as const,
      recipient: admin.userId,
      userId: admin.userId,
      orderId: null,
      email: admin.email,
    }));
    const known = new Set(admins.map((admin) => admin.email.toLowerCase()));
    const configured = this.config.NOTIFICATION_ADMIN_EMAILS.filter((address) => !known.has(address)).map(
      (address) => ({
        channel: 'email' as const,
        recipient: address,
        userId: null,
        orderId: null,
        email: address,
      }),
    );
    return [...fromDirectory, ...configured];
  }
}
