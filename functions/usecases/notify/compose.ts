import { isCustomerKind, type NoticeKind } from '../../domain/notify/kinds.ts';
import type { NotificationRecord } from '../../domain/notify/record.ts';
import { renderMessage } from '../../domain/notify/render.ts';
import { logger } from '../../shared/powertools/logger.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import { emailHtml, footerText, messageFacts } from '../../web/email.ts';
import type { NotifyDeps, Recipient } from './ports.ts';

export interface ComposedMessage {
  readonly message: ReturnType<typeof renderMessage>;
  readonly text: string;
  readonly html: string;
  readonly replyTo?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The links of one message, made at send time from the secret: never stored with the message. */
async function messageLinks(
  deps: Pick<NotifyDeps, 'links'>,
  record: NotificationRecord,
  recipientId: string,
  customerKind: boolean,
) {
  const generation = Number(record.facts.linkGeneration ?? 0) || 0;
  const tracking = await deps.links.tracking(record.orderId, generation);
  if (!customerKind) return { tracking };
  const signature = await deps.links.contactSignature(record.orderId, recipientId);
  const contact = `contact=${encodeURIComponent(recipientId)}&sig=${signature}`;
  return {
    tracking,
    unsubscribe: `${tracking}/unsubscribe?${contact}`,
    preferences: `${tracking}/preferences?${contact}`,
  };
}

/** Subject, text, HTML and SMS of one message in the recipient's language, with its order's lines. */
export async function composeMessage(
  deps: Pick<NotifyDeps, 'links' | 'orders' | 'products' | 'settings'>,
  record: NotificationRecord,
  customer: Customer,
  recipient: Recipient,
): Promise<ComposedMessage> {
  const kind = record.kind as NoticeKind;
  const customerKind = isCustomerKind(kind);
  const order = await deps.orders.get(record.orderId);
  const products = order ? await deps.products.get(order.lines.map((line) => line.sku)) : new Map();
  const links = await messageLinks(deps, record, recipient.id, customerKind);
  const facts = messageFacts({
    kind,
    facts: record.facts,
    locale: recipient.locale,
    timeZone: recipient.timeZone,
    orderId: record.orderId,
    customerName: customer.name,
    contactName: recipient.name,
    trackingUrl: links.tracking,
    ...(order ? { order } : {}),
  });
  const message = renderMessage(kind, recipient.locale, facts);
  if (message.fellBack)
    logger.warn('Missing translation, sent in English', {
      template: message.template,
      wanted: recipient.locale,
    });
  if (message.missing.length)
    logger.warn('Message placeholders without a value', {
      template: message.template,
      missing: message.missing,
    });
  if (!customerKind) return { message, html: message.html, text: message.text };
  const html = emailHtml({
    locale: message.locale,
    subject: message.subject,
    bodyHtml: message.bodyHtml,
    lines: (order?.lines ?? []).map((line) => {
      const product = products.get(line.sku);
      return {
        name: product?.name ?? line.sku,
        quantity: line.quantity,
        ...(product ? { unitPrice: product.unitPrice } : {}),
      };
    }),
    currency: deps.settings().currency,
    trackingUrl: links.tracking,
    ...(links.preferences ? { preferencesUrl: links.preferences } : {}),
    ...(links.unsubscribe ? { unsubscribeUrl: links.unsubscribe } : {}),
  });
  const footer = footerText(message.locale, links);
  return {
    message,
    html,
    text: footer ? `${message.text}\n\n${footer}` : message.text,
    replyTo: customer.salesOwner.email,
    ...(links.unsubscribe
      ? {
          headers: {
            'List-Unsubscribe': `<${links.unsubscribe}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        }
      : {}),
  };
}
