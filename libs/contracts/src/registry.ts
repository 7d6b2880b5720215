import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { EventEnvelope } from './envelope';
import { envelopeSchema } from './envelope';
import { CategoryEvents, type CategoryDeleted, type CategorySnapshot } from './events/category.events';
import type { EventDefinition } from './events/define';
import {
  InventoryCommands,
  InventoryEvents,
  type LowStock,
  type ReservationFailed,
  type ReservationRef,
  type ReserveStock,
  type StockChanged,
  type StockReserved,
} from './events/inventory.events';
import { NotificationEvents, type NotificationOutcome } from './events/notification.events';
import { OrderEvents, type OrderEventData } from './events/order.events';
import {
  PaymentCommands,
  PaymentEvents,
  type AuthorizePayment,
  type PaymentFailed,
  type PaymentRefund,
  type PaymentSucceeded,
} from './events/payment.events';
import { ProductEvents, type ProductDeleted, type ProductSnapshot } from './events/product.events';
import {
  UserEvents,
  type UserRegistered,
  type UserRoleChanged,
  type UserSessionsRevoked,
  type UserUpdated,
} from './events/user.events';

/** The `data` type of every event and command type, so producers and consumers share one contract. */
export interface EventDataMap {
  'user.registered': UserRegistered;
  'user.updated': UserUpdated;
  'user.sessions-revoked': UserSessionsRevoked;
  'user.role-changed': UserRoleChanged;
  'product.created': ProductSnapshot;
  'product.updated': ProductSnapshot;
  'product.deleted': ProductDeleted;
  'category.created': CategorySnapshot;
  'category.updated': CategorySnapshot;
  'category.deleted': CategoryDeleted;
  'inventory.reserve': ReserveStock;
  'inventory.release': ReservationRef;
  'inventory.commit': ReservationRef;
  'inventory.reserved': StockReserved;
  'inventory.reservation-failed': ReservationFailed;
  'inventory.released': ReservationRef;
  'inventory.committed': ReservationRef;
  'inventory.stock-changed': StockChanged;
  'inventory.low-stock': LowStock;
  'payment.authorize': AuthorizePayment;
  'payment.refund': PaymentRefund;
  'payment.succeeded': PaymentSucceeded;
  'payment.failed': PaymentFailed;
  'payment.refunded': PaymentRefund;
  'order.created': OrderEventData;
  'order.confirmed': OrderEventData;
  'order.cancelled': OrderEventData;
  'order.shipped': OrderEventData;
  'order.refunded': OrderEventData;
  'notification.sent': NotificationOutcome;
  'notification.failed': NotificationOutcome;
}

export type EventType = keyof EventDataMap;
export type TypedEnvelope<T extends EventType> = EventEnvelope<EventDataMap[T], T>;

export const EVENT_DEFINITIONS: readonly EventDefinition[] = [
  ...Object.values(UserEvents),
  ...Object.values(ProductEvents),
  ...Object.values(CategoryEvents),
  ...Object.values(InventoryCommands),
  ...Object.values(InventoryEvents),
  ...Object.values(PaymentCommands),
  ...Object.values(PaymentEvents),
  ...Object.values(OrderEvents),
  ...Object.values(NotificationEvents),
];

const definitionsByType = new Map(EVENT_DEFINITIONS.map((definition) => [definition.type, definition]));

export function eventDefinition(type: string): EventDefinition | undefined {
  return definitionsByType.get(type);
}

export class ContractViolation extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(`${message}: ${problems.join('; ')}`);
    this.name = 'ContractViolation';
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateEnvelopeShape = ajv.compile(envelopeSchema);
const dataValidators = new Map<string, ValidateFunction>(
  EVENT_DEFINITIONS.map((definition) => [definition.type, ajv.compile(definition.schema)]),
);

const describeErrors = (validate: ValidateFunction): string[] =>
  (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);

/**
 * Checks an envelope and its `data` against the contract of its type. Throws ContractViolation;
 * called by the outbox before a row is written and by consumers before a handler runs.
 */
export function assertValidEnvelope(envelope: unknown): asserts envelope is EventEnvelope {
  if (!validateEnvelopeShape(envelope))
    throw new ContractViolation('malformed event envelope', describeErrors(validateEnvelopeShape));
  const { type, data } = envelope as unknown as EventEnvelope;
  const validateData = dataValidators.get(type);
  if (!validateData) throw new ContractViolation('unknown event type', [type]);
  if (!validateData(data)) throw new ContractViolation(`invalid ${type} data`, describeErrors(validateData));
}
