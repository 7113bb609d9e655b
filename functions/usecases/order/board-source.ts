import type { Order } from '../../domain/order/types.ts';
import type { OrderStatus } from '../../domain/order/status.ts';

/** What the board shows of an order: the rest of the order item is never read for it. */
export type BoardOrder = Pick<
  Order,
  | 'orderId'
  | 'customerId'
  | 'status'
  | 'lines'
  | 'createdAt'
  | 'updatedAt'
  | 'atRisk'
  | 'atRiskReasons'
  | 'needsAttention'
  | 'promisedDate'
  | 'firstPromisedDate'
  | 'salesEscalatesAt'
>;

export interface BoardCustomer {
  readonly name: string;
  readonly tier: 'A' | 'B' | 'C';
}

/** The board's reads (port): whole urgent lists up to a cap, one page of all orders, batches by id. */
export interface BoardSource {
  /** Orders in a status, oldest first, at most `cap`. */
  ordersInStatus(status: OrderStatus, cap: number): Promise<BoardOrder[]>;
  /** Orders flagged at risk, at most `cap`. */
  ordersAtRisk(cap: number): Promise<BoardOrder[]>;
  /** One page of orders, newest first, through the index that fits the filter. */
  orderPage(query: {
    readonly limit: number;
    readonly status?: OrderStatus;
    readonly customerId?: string;
    readonly atRisk?: boolean;
    readonly cursor?: string;
  }): Promise<{ orders: BoardOrder[]; nextCursor?: string }>;
  getOrders(orderIds: readonly string[]): Promise<BoardOrder[]>;
  /** The stored promise's date and likely date of each order that has a promise, in batches. */
  promiseDates(
    orderIds: readonly string[],
  ): Promise<Map<string, { readonly date: string; readonly likelyDate?: string }>>;
  getCustomers(customerIds: readonly string[]): Promise<Map<string, BoardCustomer>>;
}
