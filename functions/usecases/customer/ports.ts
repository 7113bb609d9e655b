import type { ContactPreferences } from '../../domain/notify/preferences.ts';
import type { Order } from '../../domain/order/types.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import type { NotificationEvent } from '../notify/ports.ts';

/** Who holds a tracking link: the order it opens and, for a fresh link, when it was sent. */
export interface LinkAccess {
  readonly orderId: string;
  readonly issuedAt?: string;
}

/** A stored tracking link: only its hash is the key; the token itself is never stored. */
export interface TrackRecord {
  readonly orderId: string;
  /** Set on fresh links: they work for the lifetime from this instant even after the order ended. */
  readonly issuedAt?: string;
  readonly generation?: number;
}

/** What the customer-link use cases (preferences, fresh link, new quote request) need. */
export interface CustomerLinkDeps {
  readonly now: () => Date;
  /** Days a link keeps working after its order ended (setting `TRACKING_LINK_DAYS`). */
  readonly linkDays: () => number;
  readonly orders: {
    get(orderId: string): Promise<Order | undefined>;
    /** The order and every item of its partition (timeline, promise), keys stripped from the order. */
    withItems(orderId: string): Promise<{ order: Order; items: Record<string, unknown>[] } | undefined>;
    patch(orderId: string, patch: Partial<Order>): Promise<unknown>;
  };
  readonly customers: { get(customerId: string): Promise<Customer | undefined> };
  readonly tracks: {
    get(tokenHash: string): Promise<TrackRecord | undefined>;
    put(tokenHash: string, record: TrackRecord): Promise<void>;
    /** At most one fresh link per order and day: false when today's was claimed already. */
    claimFreshLink(orderId: string, day: string, keepUntil: number): Promise<boolean>;
  };
  readonly links: {
    hash(token: string): string;
    /** The hash of the link of this generation (made from the secret). */
    trackingHash(orderId: string, generation: number): Promise<string>;
    contactSignatureValid(orderId: string, contactId: string, signature: unknown): Promise<boolean>;
  };
  readonly notify: (event: NotificationEvent) => Promise<unknown>;
  readonly preferences: {
    update(
      orderId: string,
      contactId: string,
      preferences: ContactPreferences,
      merge?: boolean,
    ): Promise<unknown>;
  };
}
