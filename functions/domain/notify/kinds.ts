/** Every message the product sends, who receives it, and whether it may bypass quiet hours. */
export const CUSTOMER_KINDS = [
  'QUOTE_READY',
  'ORDER_CONFIRMED',
  'MATERIALS_READY',
  'PRODUCTION_STARTED',
  'PRODUCTION_FINISHED',
  'SHIPPED',
  'DELIVERED',
  'QUOTE_EXPIRED',
  'ORDER_CANCELLED',
  'PROMISE_CHANGED',
  'AT_RISK_WARNING',
  'FRESH_LINK',
] as const;

export const SALES_KINDS = [
  'CONFIRMATION_NEEDED',
  'CONFIRMATION_ESCALATED',
  'QUOTE_ACCEPTED',
  'QUOTE_REJECTED',
  'ORDER_AT_RISK',
  'CONTACT_OPTED_OUT',
  'ADDRESS_BOUNCED',
  'NEEDS_ATTENTION',
  'NEW_QUOTE_REQUESTED',
] as const;

export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export type SalesKind = (typeof SALES_KINDS)[number];
export type NoticeKind = CustomerKind | SalesKind;
export type Channel = 'email' | 'sms';

export const isCustomerKind = (kind: string): kind is CustomerKind =>
  (CUSTOMER_KINDS as readonly string[]).includes(kind);
export const isNoticeKind = (kind: string): kind is NoticeKind =>
  isCustomerKind(kind) || (SALES_KINDS as readonly string[]).includes(kind);

/** Notices that reach the customer even in quiet hours: a broken promise or a cancellation cannot wait. */
export const CRITICAL_KINDS: readonly NoticeKind[] = ['PROMISE_CHANGED', 'ORDER_CANCELLED'];

/** Channels a contact gets each kind on unless their preferences say otherwise. */
export function defaultChannels(kind: NoticeKind): Channel[] {
  return ['PROMISE_CHANGED', 'ORDER_CANCELLED', 'SHIPPED', 'QUOTE_READY', 'AT_RISK_WARNING'].includes(kind)
    ? ['email', 'sms']
    : ['email'];
}
