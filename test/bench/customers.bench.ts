/**
 * The customer list over 5,000 customers (issue 13, item 6): the first page by name, a search
 * that matches a few (it reads the customer index page by page, at most 1,000 per request: the
 * cost of a substring search without a search index), and a customer's console page. In process
 * against DynamoDB Local, so it is the function's own time without HTTP.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../functions/adapters/dynamodb/client.ts';
import { customerKey, customerListAttributes } from '../../functions/adapters/dynamodb/entities/customer.ts';
import { consoleCustomerModel } from '../../functions/usecases/sales-customer/console-customer.ts';
import { listCustomers } from '../../functions/usecases/sales-customer/list-customers.ts';
import { salesCustomerDeps } from '../../functions/usecases/sales-customer/wiring.ts';
import { renderCustomer, renderCustomerList } from '../../functions/web/console/customers.ts';
import { DEMO_CUSTOMERS } from '../../infra/local/seed.ts';
import { ensureTable, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { ms, percentile, timed, type BenchTable } from './table.ts';

const CUSTOMERS = 5_000;
const REQUESTS = 50;
const WARM_UP = 5;

function customerItem(index: number) {
  const customerId = `cust-${String(index).padStart(5, '0')}`;
  // One customer in 500 has "Hydraulik" in its name: the sparse search.
  const name = `${index % 500 === 7 ? 'Hydraulik' : 'Maschinenbau'} ${index} GmbH`;
  const customer = {
    ...DEMO_CUSTOMERS.acme,
    contacts: [...DEMO_CUSTOMERS.acme.contacts],
    customerId,
    name,
    updatedAt: '2026-12-01T00:00:00Z',
    version: 1,
  };
  return { ...customerKey(customerId), entity: 'CUSTOMER', ...customerListAttributes(customer), ...customer };
}

export async function run(): Promise<BenchTable> {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const local = await startDynamoDbLocal();
  try {
    await ensureTable(local.endpoint, 'customers-bench');
    Object.assign(process.env, {
      TABLE_NAME: 'customers-bench',
      DYNAMODB_ENDPOINT: local.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const items = Array.from({ length: CUSTOMERS }, (_, index) => customerItem(index));
    for (let start = 0; start < items.length; start += 25)
      await dynamo().send(
        new BatchWriteCommand({
          RequestItems: {
            [tableName()]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
          },
        }),
      );
    const deps = salesCustomerDeps();
    const context = { locale: 'en' as const, logoutToken: 't' };
    const firstPage = await timed(REQUESTS, WARM_UP, async () =>
      renderCustomerList(await listCustomers(deps, { limit: 25 }), context),
    );
    let found = 0;
    const search = await timed(REQUESTS, WARM_UP, async () => {
      const page = await listCustomers(deps, { q: 'hydraulik', limit: 25 });
      found = page.customers.length;
      return renderCustomerList(page, { ...context, q: 'hydraulik' });
    });
    const page = await timed(REQUESTS, WARM_UP, async () =>
      renderCustomer(await consoleCustomerModel(deps, 'cust-00007'), { ...context, saved: false }),
    );
    return {
      title: `Customers over ${CUSTOMERS.toLocaleString('en')}, ${REQUESTS} requests each (npm run bench -- customers)`,
      columns: ['request', 'server p50', 'server p95', 'rows'],
      rows: [
        [
          'list, first page by name (rendered)',
          ms(percentile(firstPage, 50)),
          ms(percentile(firstPage, 95)),
          25,
        ],
        [
          'search "hydraulik" (1 in 500 match; reads 1,000 per request)',
          ms(percentile(search, 50)),
          ms(percentile(search, 95)),
          found,
        ],
        [
          'customer page (contacts, suppressions, orders)',
          ms(percentile(page, 50)),
          ms(percentile(page, 95)),
          1,
        ],
      ],
      notes: [
        'In process against DynamoDB Local (no HTTP). A search answers what it found in its first 1,000 reads, with a cursor to read on.',
      ],
    };
  } finally {
    await local.stop();
  }
}
