import type { RouteHandler } from '../http/types.ts';
import { etagOf } from '../../../usecases/sales-customer/save-customer.ts';
import { readCustomer } from '../../../usecases/sales-customer/customer-view.ts';
import { salesCustomerDeps } from '../../../usecases/sales-customer/wiring.ts';

export const route: RouteHandler = {
  operationId: 'getCustomer',
  audience: 'sales',
  async handle({ params }) {
    const customer = await readCustomer(salesCustomerDeps(), params.id ?? '');
    return { status: 200, body: customer, headers: { etag: etagOf(customer) } };
  },
};
