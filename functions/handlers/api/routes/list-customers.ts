import type { z } from 'zod';
import type { RouteHandler } from '../http/types.ts';
import { listCustomersQuerySchema } from '../../../shared/schemas/customer.ts';
import { listCustomers } from '../../../usecases/sales-customer/list-customers.ts';
import { salesCustomerDeps } from '../../../usecases/sales-customer/wiring.ts';

export const route: RouteHandler<z.ZodType, typeof listCustomersQuerySchema> = {
  operationId: 'listCustomers',
  audience: 'sales',
  querySchema: listCustomersQuerySchema,
  async handle({ query }) {
    const page = await listCustomers(salesCustomerDeps(), query);
    return { status: 200, body: { customers: page.customers, nextCursor: page.nextCursor ?? null } };
  },
};
