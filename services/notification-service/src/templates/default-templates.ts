import type { TemplateKey } from './template-catalog';

export interface TemplateText {
  subject: string;
  body: string;
}

/** The texts the service starts with (seeded by a migration); admins edit them through the API. */
export const DEFAULT_TEMPLATES: Record<TemplateKey, TemplateText> = {
  'user.registered': {
    subject: 'Welcome to the shop, {{name}}',
    body: '<p>Hello {{name}},</p><p>your account {{email}} is ready. Happy shopping!</p>',
  },
  'order.confirmed': {
    subject: 'Order {{orderId}} is confirmed',
    body: '<p>Thank you for your order {{orderId}}.</p><p>Total: {{total}} for {{itemCount}} item(s). We will tell you when it ships.</p>',
  },
  'order.cancelled': {
    subject: 'Order {{orderId}} was cancelled',
    body: '<p>Your order {{orderId}} ({{total}}) was cancelled: {{reason}}.</p><p>If you were charged, the money goes back to you.</p>',
  },
  'order.shipped': {
    subject: 'Order {{orderId}} is on its way',
    body: '<p>Your order {{orderId}} ({{itemCount}} item(s), {{total}}) has left our warehouse.</p>',
  },
  'order.refunded': {
    subject: 'Order {{orderId}} was refunded',
    body: '<p>We refunded {{total}} for your order {{orderId}}.</p>',
  },
  'payment.failed': {
    subject: 'Payment for order {{orderId}} failed',
    body: '<p>We could not take the payment for your order {{orderId}}: {{reason}}.</p><p>Please try again with another payment method.</p>',
  },
  'inventory.low-stock': {
    subject: 'Low stock: product {{productId}}',
    body: '<p>Product {{productId}} is down to {{available}} available units (threshold {{threshold}}).</p>',
  },
};
