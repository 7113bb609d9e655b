import type { RouteHandler } from '../http/types.ts';
import { customerSchema } from '../../../shared/schemas/customer.ts';
import { putCustomer } from '../../../adapters/dynamodb/customer-repository.ts';
import { transitDaysTo } from '../../../adapters/dynamodb/supply-repository.ts';
import { UnprocessableContentError, ValidationError } from '../../../shared/errors.ts';

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
    // Without a transit time no date can be promised to the customer: every inquiry would fail.
    if ((await transitDaysTo(body.region)) === undefined)
      throw new UnprocessableContentError('No transit time to the customer region', [
        { path: 'region', message: `no transit time to ${body.region}: send it in PUT /v1/erp/supply first` },
      ]);
    const customer = { ...body, customerId, updatedAt: new Date().toISOString() };
    await putCustomer(customer);
    return { status: 200, body: customer };
  },
};
