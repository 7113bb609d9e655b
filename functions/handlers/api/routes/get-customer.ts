import type { RouteHandler } from '../http/types.ts';
import { getCustomer } from '../../../adapters/dynamodb/customer-repository.ts';
import { NotFoundError } from '../../../shared/errors.ts';

export const route: RouteHandler = {
  operationId: 'getCustomer',
  audience: 'sales',
  async handle({ params }) {
    const customer = await getCustomer(params.id ?? '');
    if (!customer) throw new NotFoundError(`Unknown customer ${params.id}`);
    return { status: 200, body: customer };
  },
};
