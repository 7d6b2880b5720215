/**
 * The notifications this service sends. A template's key is the name of the event that triggers
 * it, and each key has a fixed set of placeholders its event provides.
 */
export const TEMPLATE_KEYS = [
  'user.registered',
  'order.confirmed',
  'order.cancelled',
  'order.shipped',
  'order.refunded',
  'payment.failed',
  'inventory.low-stock',
] as const;

export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const isTemplateKey = (key: string): key is TemplateKey =>
  (TEMPLATE_KEYS as readonly string[]).includes(key);

export const TEMPLATE_PLACEHOLDERS: Record<TemplateKey, readonly string[]> = {
  'user.registered': ['name', 'email'],
  'order.confirmed': ['orderId', 'total', 'itemCount'],
  'order.cancelled': ['orderId', 'total', 'reason'],
  'order.shipped': ['orderId', 'total', 'itemCount'],
  'order.refunded': ['orderId', 'total'],
  'payment.failed': ['orderId', 'reason'],
  'inventory.low-stock': ['productId', 'available', 'threshold'],
};

/** The values one event fills a template with; every placeholder of its key has one. */
export type TemplateValues = Record<string, string>;

export const SUBJECT_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 20_000;
