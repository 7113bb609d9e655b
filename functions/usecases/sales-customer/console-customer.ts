import type { Order } from '../../domain/order/types.ts';
import { readCustomer, type CustomerView } from './customer-view.ts';
import type { SalesCustomerDeps } from './ports.ts';

/** How many of a customer's orders its console page lists (the board, filtered by customer, has them all). */
const ORDERS_ON_PAGE = 25;

export interface ConsoleCustomerModel {
  readonly customer: CustomerView;
  /** Newest first. */
  readonly orders: readonly Pick<Order, 'orderId' | 'status' | 'promisedDate' | 'createdAt' | 'atRisk'>[];
  /** More orders than the page lists. */
  readonly moreOrders: boolean;
}

/** A customer's console page: the customer as GET shows it (with suppressions) and its latest orders. */
export async function consoleCustomerModel(
  deps: SalesCustomerDeps,
  customerId: string,
): Promise<ConsoleCustomerModel> {
  const [customer, page] = await Promise.all([
    readCustomer(deps, customerId),
    deps.ordersOf(customerId, ORDERS_ON_PAGE),
  ]);
  return { customer, orders: page.orders, moreOrders: page.more };
}
