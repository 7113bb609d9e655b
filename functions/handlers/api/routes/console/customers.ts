import type { z } from 'zod';
import type { RouteHandler } from '../../http/types.ts';
import { formFields, htmlPage, seeOther } from '../../http/pages.ts';
import { assertConsoleForm, consoleFormToken, consoleLocale, consoleUser } from '../../http/console.ts';
import { consoleCustomersQuerySchema } from '../../../../shared/schemas/customer.ts';
import { consoleCustomerModel } from '../../../../usecases/sales-customer/console-customer.ts';
import { saveEditForm } from '../../../../usecases/sales-customer/console-edit.ts';
import { readCustomer } from '../../../../usecases/sales-customer/customer-view.ts';
import { listCustomers } from '../../../../usecases/sales-customer/list-customers.ts';
import { salesCustomerDeps } from '../../../../usecases/sales-customer/wiring.ts';
import { renderCustomer, renderCustomerEdit, renderCustomerList } from '../../../../web/console/customers.ts';

type Query = z.ZodType<Record<string, string | undefined>>;
const PAGE_SIZE = 25;
const editPurpose = (customerId: string) => `customer-edit:${customerId}`;

export const listRoute: RouteHandler<z.ZodType, typeof consoleCustomersQuerySchema> = {
  operationId: 'consoleCustomers',
  audience: 'console',
  querySchema: consoleCustomersQuerySchema,
  async handle({ principal, query }) {
    const user = consoleUser(principal);
    const { q, cursor } = query;
    const page = await listCustomers(salesCustomerDeps(), {
      limit: PAGE_SIZE,
      ...(q ? { q } : {}),
      ...(cursor ? { cursor } : {}),
    });
    return htmlPage(
      200,
      renderCustomerList(page, {
        locale: consoleLocale(query),
        ...(q ? { q } : {}),
        ...(cursor ? { cursor } : {}),
        logoutToken: await consoleFormToken(user, 'logout'),
      }),
    );
  },
};

export const pageRoute: RouteHandler<z.ZodType, Query> = {
  operationId: 'consoleCustomer',
  audience: 'console',
  async handle({ principal, query, params }) {
    const user = consoleUser(principal);
    const model = await consoleCustomerModel(salesCustomerDeps(), params.id ?? '');
    return htmlPage(
      200,
      renderCustomer(model, {
        locale: consoleLocale(query),
        logoutToken: await consoleFormToken(user, 'logout'),
        saved: query.done === 'saved',
      }),
    );
  },
};

export const editRoute: RouteHandler<z.ZodType, Query> = {
  operationId: 'consoleCustomerEdit',
  audience: 'console',
  async handle({ principal, query, params }) {
    const user = consoleUser(principal);
    const customerId = params.id ?? '';
    const customer = await readCustomer(salesCustomerDeps(), customerId);
    return htmlPage(
      200,
      renderCustomerEdit(customer, {
        locale: consoleLocale(query),
        logoutToken: await consoleFormToken(user, 'logout'),
        formToken: await consoleFormToken(user, editPurpose(customerId)),
      }),
    );
  },
};

/** The edit form's post: the same use case as PATCH, then back to the customer (POST-redirect-GET). */
export const saveRoute: RouteHandler<z.ZodType, Query> = {
  operationId: 'consoleCustomerSave',
  audience: 'console',
  async handle(request) {
    const customerId = request.params.id ?? '';
    const form = formFields(request.rawBody);
    await assertConsoleForm(request, form, editPurpose(customerId));
    await saveEditForm(salesCustomerDeps(), customerId, form);
    return seeOther(
      `/console/customers/${encodeURIComponent(customerId)}?lang=${consoleLocale(request.query)}&done=saved`,
    );
  },
};
