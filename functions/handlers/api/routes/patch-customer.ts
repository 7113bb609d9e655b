import type { RouteHandler } from '../http/types.ts';
import { UnsupportedMediaTypeError } from '../../../shared/errors.ts';
import { customerPatchSchema } from '../../../shared/schemas/customer.ts';
import { viewOf } from '../../../usecases/sales-customer/customer-view.ts';
import { patchCustomer } from '../../../usecases/sales-customer/patch-customer.ts';
import { etagOf, preconditionFrom } from '../../../usecases/sales-customer/save-customer.ts';
import { salesCustomerDeps } from '../../../usecases/sales-customer/wiring.ts';

/** The media types of a merge patch: RFC 7396's own, and plain JSON (what most clients send). */
export const MERGE_PATCH_TYPES = ['application/merge-patch+json', 'application/json'];

/** Changes part of a customer with a JSON merge patch (RFC 7396); contacts by id. */
export const route: RouteHandler<typeof customerPatchSchema> = {
  operationId: 'patchCustomer',
  audience: 'sales',
  bodySchema: customerPatchSchema,
  async handle({ params, body, headers }) {
    const mediaType = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!MERGE_PATCH_TYPES.includes(mediaType))
      throw new UnsupportedMediaTypeError(`Send the patch as ${MERGE_PATCH_TYPES.join(' or ')}`);
    const deps = salesCustomerDeps();
    const saved = await patchCustomer(deps, params.id ?? '', body, preconditionFrom(headers));
    const customer = await viewOf(deps, saved);
    return { status: 200, body: customer, headers: { etag: etagOf(customer) } };
  },
};
