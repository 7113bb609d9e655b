/**
 * Customers, and the lists that keep messages away from addresses that must not get them.
 *
 * | item                       | PK                      | SK          | notes                                   |
 * |----------------------------|-------------------------|-------------|-----------------------------------------|
 * | customer                   | CUSTOMER#<id>           | CUSTOMER    | tier, region, locale, contacts, owner   |
 * | phone -> customer           | PHONE#<sha256(phone)>   | PHONE       | finds the customer of an inbound SMS    |
 * | suppressed address / number | SUPPRESS#<sha256(addr)> | SUPPRESS    | bounce, complaint or STOP; never the address itself |
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
