import { assertUnreachable } from '@ecommerce/http';
import type { TemplateKey } from '../templates/template-catalog';

export type Channel = 'email' | 'in_app';

export interface Preferences {
  email: { marketing: boolean; orderUpdates: boolean };
  inApp: { marketing: boolean; orderUpdates: boolean };
}

/** Everything on until the customer says otherwise. */
export const DEFAULT_PREFERENCES: Preferences = {
  email: { marketing: true, orderUpdates: true },
  inApp: { marketing: true, orderUpdates: true },
};

/**
 * - `marketing`: mail nobody needs to complete a purchase. The welcome mail counts: an account works
 *   without it.
 * - `orderUpdates`: what happens to an order and its payment. Transactional, so always emailed;
 *   the preference only decides about the in-app copy.
 * - `adminAlert`: operational alerts to the shop's admins, by email, whatever their preferences.
 */
export type Category = 'marketing' | 'orderUpdates' | 'adminAlert';

export const TEMPLATE_CATEGORY: Record<TemplateKey, Category> = {
  'user.registered': 'marketing',
  'order.confirmed': 'orderUpdates',
  'order.cancelled': 'orderUpdates',
  'order.shipped': 'orderUpdates',
  'order.refunded': 'orderUpdates',
  'payment.failed': 'orderUpdates',
  'inventory.low-stock': 'adminAlert',
};

/** The channels a notification of this template goes to, for a recipient with these preferences. */
export function channelsFor(template: TemplateKey, preferences: Preferences): Channel[] {
  const category = TEMPLATE_CATEGORY[template];
  switch (category) {
    case 'marketing':
      return [
        ...(preferences.email.marketing ? (['email'] as const) : []),
        ...(preferences.inApp.marketing ? (['in_app'] as const) : []),
      ];
    case 'orderUpdates':
      return ['email', ...(preferences.inApp.orderUpdates ? (['in_app'] as const) : [])];
    case 'adminAlert':
      return ['email'];
    default:
      return assertUnreachable(category);
  }
}
