import type { Channel } from '../../domain/notify/kinds.ts';
import type { NotificationRecord } from '../../domain/notify/record.ts';
import type { Locale } from '../../domain/notify/render.ts';
import type { Order } from '../../domain/order/types.ts';
import type { Product } from '../../domain/promise/types.ts';
import type { Customer } from '../../shared/schemas/customer.ts';

/** What a use case asks to be told to people: one event, fanned out to recipients and channels. */
export interface NotificationEvent {
  readonly orderId: string;
  readonly customerId: string;
  readonly kind: string;
  /** Stage, promise version or escalation number: part of the dedupe key. */
  readonly occurrence: string;
  readonly facts: Record<string, unknown>;
  readonly critical?: boolean;
}

/**
 * Where messages are claimed and settled. `claim` is the only gate against sending twice: it
 * answers false when the key was claimed before.
 */
export interface NotificationStore {
  claim(record: NotificationRecord): Promise<boolean>;
  settle(record: NotificationRecord, outcome: Partial<NotificationRecord>): Promise<NotificationRecord>;
  settleIfClaimed(
    record: NotificationRecord,
    outcome: Pick<NotificationRecord, 'providerMessageId' | 'sentAt' | 'detail'>,
  ): Promise<boolean>;
  markSending(record: NotificationRecord, at: string): Promise<NotificationRecord>;
  postpone(record: NotificationRecord, dueAt: string, attempts: number, detail: string): Promise<void>;
  getNotification(orderId: string, key: string): Promise<NotificationRecord | undefined>;
  dueNotifications(now: string): Promise<NotificationRecord[]>;
  /** The message a provider's event names, by the provider's message id. */
  notificationByProviderId(messageId: string): Promise<NotificationRecord | undefined>;
}

export interface OutgoingEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Where replies go (the sales owner), instead of the no-reply sender. */
  readonly replyTo?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Names the record, so the provider's send event can settle it (domain/notify/message-tag.ts). */
  readonly tag: string;
}

/** Settings read when a message is addressed or swept, so a changed setting applies at once. */
export interface NotifySettings {
  /** Where escalations of unconfirmed orders go instead of the sales owner (empty: the owner). */
  readonly salesManagerEmail: string;
  /** Who else hears of an order that needs a person (empty: nobody else). */
  readonly operationsEmail: string;
  readonly currency: string;
  /** How long a send handed to the provider may stay unrecorded before the sweeper sends it again. */
  readonly sendOutcomeGraceMs: number;
}

export interface NotifyDeps {
  readonly now: () => Date;
  /** Waits between quick retries of a failed send (tests pass a clock that does not wait). */
  readonly sleep: (milliseconds: number) => Promise<void>;
  readonly settings: () => NotifySettings;
  readonly store: NotificationStore;
  readonly customers: {
    get(customerId: string): Promise<Customer | undefined>;
    isSuppressed(address: string): Promise<boolean>;
    /** Stops every further message to an address (stored as a hash only). */
    suppress(address: string, reason: 'bounce' | 'complaint' | 'stop', at: string): Promise<void>;
    customerIdForPhone(phone: string): Promise<string | undefined>;
  };
  readonly orders: { get(orderId: string): Promise<Order | undefined> };
  readonly products: { get(skus: readonly string[]): Promise<ReadonlyMap<string, Product>> };
  /** Each answers the provider's message id or throws a SendFailure. */
  readonly email: { send(message: OutgoingEmail): Promise<string> };
  readonly sms: { send(to: string, body: string, tag: string): Promise<string> };
  /** The links of a message, made from the secret at send time (never stored with the message). */
  readonly links: {
    tracking(orderId: string, generation: number): Promise<string>;
    contactSignature(orderId: string, contactId: string): Promise<string>;
  };
}

/** One person a message goes to, on the channels they allow for its kind. */
export interface Recipient {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly channels: Channel[];
  readonly locale: Locale;
  readonly timeZone: string;
  readonly quietHours?: { start: string; end: string };
}
