import { salesEscalationDeadline } from '../../domain/order/escalation.ts';
import type { Order } from '../../domain/order/types.ts';
import { decidePromise } from './decisions.ts';
import type { OrderDeps } from './ports.ts';

export interface QueueEntry {
  readonly orderId: string;
  readonly customerId: string;
  readonly customerName?: string;
  readonly tier?: string;
  readonly promisedDate?: string;
  readonly reasons: readonly string[];
  /** When the wait for sales escalates (sales reminded, then the order needs attention). */
  readonly escalatesAt: string;
}

/** How many waiting orders the queue lists; a longer queue is worked from its most urgent end. */
const QUEUE_CAP = 500;

/** Every order awaiting sales, nearest escalation first (through the status index, never a scan). */
export async function confirmationQueue(
  deps: Pick<OrderDeps, 'settings' | 'orders'> & {
    /** The customer's name and tier as sales know them (the order facts carry neither). */
    readonly customerCard: (customerId: string) => Promise<{ name: string; tier: string } | undefined>;
  },
): Promise<QueueEntry[]> {
  const waiting: Order[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.orders.listOrders({
      status: 'AWAITING_SALES_CONFIRMATION',
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    waiting.push(...page.orders);
    cursor = page.nextCursor;
  } while (cursor && waiting.length < QUEUE_CAP);
  const customers = new Map<string, { name: string; tier: string } | undefined>();
  for (const id of new Set(waiting.map((order) => order.customerId)))
    customers.set(id, await deps.customerCard(id));
  return waiting
    .map((order) => {
      const customer = customers.get(order.customerId);
      return {
        orderId: order.orderId,
        customerId: order.customerId,
        ...(customer ? { customerName: customer.name, tier: customer.tier } : {}),
        ...(order.promisedDate ? { promisedDate: order.promisedDate } : {}),
        reasons: order.confirmationReasons ?? [],
        escalatesAt: salesEscalationDeadline(order, deps.settings.salesEscalationSeconds),
      };
    })
    .sort((a, b) => a.escalatesAt.localeCompare(b.escalatesAt));
}

/**
 * Confirms each chosen order's computed promise, one by one through the same use case as a single
 * confirm; one that cannot be confirmed (decided meanwhile, workflow gone) is reported, not hidden.
 */
export async function bulkConfirm(deps: OrderDeps, orderIds: readonly string[]) {
  const results: { orderId: string; ok: boolean; detail?: string }[] = [];
  for (const orderId of orderIds) {
    try {
      await decidePromise(deps, orderId, { action: 'confirm' });
      results.push({ orderId, ok: true });
    } catch (error) {
      results.push({ orderId, ok: false, detail: (error as Error).message });
    }
  }
  return results;
}
