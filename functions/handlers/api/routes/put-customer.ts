import type { RouteHandler } from '../http/types.ts';
import { customerSchema } from '../../../shared/schemas/customer.ts';
import { putCustomer } from '../../../adapters/dynamodb/customer-repository.ts';
import { ValidationError } from '../../../shared/errors.ts';

export const route: RouteHandler<typeof customerSchema> = {
  operationId: 'putCustomer',
  audience: 'sales',
  bodySchema: customerSchema,
  async handle({ params, body }) {
    const customerId = params.id ?? '';
    if (!/^[A-Za-z0-9._:-]{1,64}$/.test(customerId))
      throw new ValidationError('Invalid customer id', [
        { path: 'id', message: 'letters, digits and . _ : - only' },
      ]);
    const ids = body.contacts.map((contact) => contact.id);
    if (new Set(ids).size !== ids.length)
      throw new ValidationError('Contact ids must be unique', [
        { path: 'contacts', message: 'duplicate id' },
      ]);
    const customer = { ...body, customerId, updatedAt: new Date().toISOString() };
    await putCustomer(customer);
    return { status: 200, body: customer };
  },
};
