import type { Channel } from './kinds.ts';

export type NotificationStatus = 'CLAIMED' | 'HELD' | 'SENT' | 'FAILED' | 'BOUNCED' | 'SKIPPED';

/**
 * One message to one recipient on one channel. Its key is kind#occurrence#recipient#channel (no
 * address: recipients are contact ids), so claiming the key first means it is never sent twice.
 */
export interface NotificationRecord {
  readonly orderId: string;
  readonly customerId: string;
  readonly key: string;
  readonly kind: string;
  readonly occurrence: string;
  readonly recipientId: string;
  readonly channel: Channel;
  readonly critical: boolean;
  readonly facts: Record<string, unknown>;
  readonly status: NotificationStatus;
  readonly attempts: number;
  readonly createdAt: string;
  readonly dueAt: string;
  readonly template?: string;
  readonly locale?: string;
  readonly providerMessageId?: string;
  readonly sentAt?: string;
  readonly detail?: string;
  /**
   * When a send whose outcome is not recorded yet was handed to the provider. While it is recent,
   * the sweeper leaves the claim alone: the provider's send event may still record it as sent.
   */
  readonly sendingAt?: string;
}

/** A provider refused or failed a send; `permanent` when no retry can fix it (a refused address). */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}
