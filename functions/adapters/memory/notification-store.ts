import type { NotificationRecord } from '../../domain/notify/record.ts';
import type { NotificationStore } from '../../usecases/notify/ports.ts';

/**
 * Notification records in memory, with the DynamoDB adapter's rules: a key is claimed once, a
 * waiting record (claimed or held) is due at its `dueAt`, a settle-if-claimed only settles a claim.
 */
export class MemoryNotificationStore implements NotificationStore {
  private readonly records = new Map<string, NotificationRecord>();
  private readonly id = (orderId: string, key: string) => `${orderId}|${key}`;

  all(): NotificationRecord[] {
    return [...this.records.values()];
  }

  async claim(record: NotificationRecord): Promise<boolean> {
    const id = this.id(record.orderId, record.key);
    if (this.records.has(id)) return false;
    this.records.set(id, structuredClone(record));
    return true;
  }

  async settle(
    record: NotificationRecord,
    outcome: Partial<NotificationRecord>,
  ): Promise<NotificationRecord> {
    const next = { ...record, ...outcome };
    this.records.set(this.id(record.orderId, record.key), structuredClone(next));
    return next;
  }

  async settleIfClaimed(
    record: NotificationRecord,
    outcome: Pick<NotificationRecord, 'providerMessageId' | 'sentAt' | 'detail'>,
  ): Promise<boolean> {
    const stored = this.records.get(this.id(record.orderId, record.key));
    if (stored?.status !== 'CLAIMED') return false;
    const { sendingAt: _handedOver, ...claimed } = stored;
    await this.settle(claimed, { ...outcome, status: 'SENT' });
    return true;
  }

  async markSending(record: NotificationRecord, at: string): Promise<NotificationRecord> {
    return this.settle(record, { sendingAt: at });
  }

  async postpone(record: NotificationRecord, dueAt: string, attempts: number, detail: string): Promise<void> {
    await this.settle(record, { dueAt, attempts, detail });
  }

  async getNotification(orderId: string, key: string): Promise<NotificationRecord | undefined> {
    const stored = this.records.get(this.id(orderId, key));
    return stored && structuredClone(stored);
  }

  async dueNotifications(now: string): Promise<NotificationRecord[]> {
    return this.all()
      .filter((record) => (record.status === 'CLAIMED' || record.status === 'HELD') && record.dueAt <= now)
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1))
      .map((record) => structuredClone(record));
  }

  async notificationByProviderId(messageId: string): Promise<NotificationRecord | undefined> {
    const found = this.all().find((record) => record.providerMessageId === messageId);
    return found && structuredClone(found);
  }
}
