import type { RouteHandler } from '../http/types.ts';
import { customerWriteSchema } from '../../../shared/schemas/customer.ts';
import { viewOf } from '../../../usecases/sales-customer/customer-view.ts';
import { replaceCustomer } from '../../../usecases/sales-customer/replace-customer.ts';
import { etagOf, preconditionFrom } from '../../../usecases/sales-customer/save-customer.ts';
import { salesCustomerDeps } from '../../../usecases/sales-customer/wiring.ts';

/** Creates or replaces a customer; a contact's own preferences and opt-outs are kept (see replaceCustomer). */
export const route: RouteHandler<typeof customerWriteSchema> = {
  operationId: 'putCustomer',
  audience: 'sales',
  bodySchema: customerWriteSchema,
  async handle({ params, body, headers }) {
    const deps = salesCustomerDeps();
    const saved = await replaceCustomer(deps, params.id ?? '', body, preconditionFrom(headers));
    const customer = await viewOf(deps, saved);
    return { status: 200, body: customer, headers: { etag: etagOf(customer) } };
  },
};
