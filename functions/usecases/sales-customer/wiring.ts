import {
  getCustomer,
  listCustomers,
  saveCustomerIf,
  suppressionReason,
} from '../../adapters/dynamodb/customer-repository.ts';
import { listOrders } from '../../adapters/dynamodb/order-repository.ts';
import { transitDaysTo } from '../../adapters/dynamodb/supply-repository.ts';
import type { SalesCustomerDeps } from './ports.ts';

let deps: SalesCustomerDeps | undefined;

/** The sales customer use cases bound to DynamoDB. */
export function salesCustomerDeps(): SalesCustomerDeps {
  deps ??= {
    now: () => new Date(),
    customers: {
      get: (customerId) => getCustomer(customerId, true),
      save: saveCustomerIf,
      list: listCustomers,
      suppression: suppressionReason,
    },
    regionKnown: async (region) => (await transitDaysTo(region)) !== undefined,
    async ordersOf(customerId, limit) {
      const page = await listOrders({ customerId, limit });
      return { orders: page.orders, more: page.nextCursor !== undefined };
    },
  };
  return deps;
}
