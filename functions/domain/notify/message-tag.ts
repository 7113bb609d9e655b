/**
 * The notification record a sent message belongs to, carried by the message itself (an SES message
 * tag, an SMS `Context` entry) and echoed by the provider's send event. The event can then record
 * the message as sent when the sender could not (it crashed, or the store was down, between the
 * provider accepting the message and the record being written), so the sweeper does not send it
 * again. Base64url fits both providers' character rules (SES tags: letters, digits, `_`, `-`).
 */
export const MESSAGE_TAG_NAME = 'notification';

export interface TaggedRecord {
  readonly orderId: string;
  readonly key: string;
}

export const messageTag = (record: TaggedRecord): string =>
  Buffer.from(`${record.orderId}\n${record.key}`, 'utf8').toString('base64url');

/** The record a tag names, or undefined for a tag that is not one of ours. */
export function parseMessageTag(tag: string | undefined): TaggedRecord | undefined {
  if (!tag || !/^[A-Za-z0-9_-]{1,256}$/.test(tag)) return undefined;
  const [orderId, key, ...rest] = Buffer.from(tag, 'base64url').toString('utf8').split('\n');
  return orderId && key && rest.length === 0 ? { orderId, key } : undefined;
}
