/**
 * The customer-link use cases bound to DynamoDB, the link secrets and the notification use case,
 * with the wall clock. Handlers call these; tests may bind the use cases to other ports.
 */
import { getCustomer } from '../../adapters/dynamodb/customer-repository.ts';
import { getProducts } from '../../adapters/dynamodb/supply-repository.ts';
import { optionalEnv } from '../../shared/config.ts';
import { buildCustomerOrderPage } from './order-page.ts';
import * as orders from '../../adapters/dynamodb/order-repository.ts';
import { claimFreshLink, getTrack, putTrack } from '../../adapters/dynamodb/tracking-repository.ts';
import type { Order } from '../../domain/order/types.ts';
import type { ContactPreferences } from '../../domain/notify/preferences.ts';
import { contactSignatureValid } from '../../shared/auth/form-token.ts';
import { hashTrackingToken, trackingLink, trackingLinkDays } from '../../shared/auth/tracking-token.ts';
import { notify, updateContactPreferences } from '../notify/wiring.ts';
import { openOrderForLink } from './access.ts';
import * as settings from './contact-settings.ts';
import { sendFreshLink as freshLink } from './fresh-link.ts';
import { requestNewQuote as newQuote } from './new-quote-request.ts';
import type { CustomerLinkDeps, LinkAccess } from './ports.ts';

export const customerLinkDeps: CustomerLinkDeps = {
  now: () => new Date(),
  linkDays: trackingLinkDays,
  orders: {
    get: orders.getOrder,
    async withItems(orderId) {
      const items = await orders.getOrderPartition(orderId);
      const orderItem = items.find((item) => item.SK === 'ORDER');
      return orderItem && { order: orders.stripKeys<Order>(orderItem), items };
    },
    patch: (orderId, patch) => orders.patchOrder(orderId, patch),
  },
  customers: { get: (customerId) => getCustomer(customerId) },
  tracks: { get: getTrack, put: putTrack, claimFreshLink },
  links: {
    hash: hashTrackingToken,
    trackingHash: async (orderId, generation) => (await trackingLink(orderId, generation)).tokenHash,
    contactSignatureValid,
  },
  notify,
  preferences: { update: updateContactPreferences },
};

/** The order behind a link if it still works at `now` (404 otherwise). */
export const openLinkedOrder = (access: LinkAccess, now: Date) =>
  openOrderForLink(customerLinkDeps, access, now);
export const linkedContact = (access: LinkAccess, contactId: string, signature: unknown) =>
  settings.linkedContact(customerLinkDeps, access, contactId, signature);
export const saveContactSettings = (
  access: LinkAccess,
  contactId: string,
  signature: unknown,
  preferences: ContactPreferences,
) => settings.saveContactSettings(customerLinkDeps, access, contactId, signature, preferences);
export const unsubscribeContact = (access: LinkAccess, contactId: string, signature: unknown) =>
  settings.unsubscribeContact(customerLinkDeps, access, contactId, signature);
export const sendFreshLink = (oldToken: string) => freshLink(customerLinkDeps, oldToken);
export const requestNewQuote = (access: LinkAccess) => newQuote(customerLinkDeps, access);

/** What the order page behind a link shows (404 when the link is unknown or has run out). */
export const customerOrderPage = (access: LinkAccess, now = new Date()) =>
  buildCustomerOrderPage(
    {
      ...customerLinkDeps,
      products: (skus) => getProducts([...skus]),
      currency: () => optionalEnv('CURRENCY', 'EUR'),
    },
    access,
    now,
  );
