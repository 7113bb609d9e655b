/**
 * Customers, and the lists that keep messages away from addresses that must not get them.
 *
 * | item                       | PK                      | SK          | notes                                   |
 * |----------------------------|-------------------------|-------------|-----------------------------------------|
 * | customer                   | CUSTOMER#<id>           | CUSTOMER    | tier, region, locale, contacts, owner, version |
 * | phone -> customer           | PHONE#<sha256(phone)>   | PHONE       | finds the customer of an inbound SMS    |
 * | suppressed address / number | SUPPRESS#<sha256(addr)> | SUPPRESS    | bounce, complaint or STOP; never the address itself |
 *
 * Customers are listed through GSI1, partition `CUSTOMERS`, sorted by `<lower-case name>#<id>`
 * (the customer item carries the keys; an item written before they existed is not listed until
 * its next write). A search is a paged query of that partition with a filter on `search` (id and
 * name in lower case): DynamoDB has no substring index, so it reads the customers (never orders or
 * anything else of the table), a bounded number per request.
 */
import { createHash } from 'node:crypto';

export const customerKey = (customerId: string) => ({ PK: `CUSTOMER#${customerId}`, SK: 'CUSTOMER' });
export const addressHash = (address: string) =>
  createHash('sha256').update(address.trim().toLowerCase()).digest('hex');
export const phoneKey = (phone: string) => ({ PK: `PHONE#${addressHash(phone)}`, SK: 'PHONE' });
export const suppressionKey = (address: string) => ({
  PK: `SUPPRESS#${addressHash(address)}`,
  SK: 'SUPPRESS',
});

export const CUSTOMER_LIST_PARTITION = 'CUSTOMERS';

/** Lower case, compatibility-normalized: how names and ids are sorted and searched. */
export const searchable = (text: string) => text.normalize('NFKC').toLowerCase();

/** The list index's keys and the search text of a customer item. */
export const customerListAttributes = (customer: { customerId: string; name: string }) => ({
  GSI1PK: CUSTOMER_LIST_PARTITION,
  GSI1SK: `${searchable(customer.name)}#${customer.customerId}`,
  search: searchable(`${customer.customerId} ${customer.name}`),
});
