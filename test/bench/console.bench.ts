/**
 * The sales console's server time over 10,000 orders (issue 13, "Speed"): the board's first page
 * (the urgent orders through the status and at-risk indexes, sorted, plus one page of all orders,
 * rendered) and an order page (one partition query, customer, products, rendering). Measured in
 * process against DynamoDB Local, so it is the function's own time without HTTP; goal p95 < 200 ms.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../functions/adapters/dynamodb/client.ts';
import { putCustomer } from '../../functions/adapters/dynamodb/customer-repository.ts';
import type { Customer } from '../../functions/shared/schemas/customer.ts';
import { orderIndexKeys, orderKey, type Order } from '../../functions/adapters/dynamodb/entities/order.ts';
import { setAtRisk } from '../../functions/adapters/dynamodb/order-repository.ts';
import type { OrderStatus } from '../../functions/domain/order/status.ts';
import { dynamoBoardSource } from '../../functions/adapters/dynamodb/board-reads.ts';
import { consoleBoard, encodeUrgentCursor } from '../../functions/usecases/order/console-board.ts';
import { consoleOrderModel } from '../../functions/usecases/order/wiring.ts';
import { renderBoard } from '../../functions/web/console/board.ts';
import { renderConsoleOrder } from '../../functions/web/console/order.ts';
import { DEMO_CUSTOMERS } from '../../infra/local/seed.ts';
import { ensureTable, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { ms, percentile, timed, type BenchTable } from './table.ts';

const ORDERS = 10_000;
const REQUESTS = 100;
const WARM_UP = 10;

/** A realistic mix: most orders moving on by themselves, a few in front of sales. */
function statusOf(index: number): OrderStatus {
  if (index % 100 === 0) return 'NEEDS_ATTENTION';
  if (index % 20 === 1) return 'AWAITING_SALES_CONFIRMATION';
  return (['QUOTED', 'ORDER_CONFIRMED', 'MATERIAL_PREP', 'IN_PRODUCTION', 'SHIPPED', 'DELIVERED'] as const)[
    index % 6
  ]!;
}

function orderItem(index: number, customers: readonly string[]) {
  const createdAt = new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();
  const order: Order = {
    orderId: `ord_bench_${String(index).padStart(6, '0')}`,
    customerId: customers[index % customers.length]!,
    status: statusOf(index),
    lines: [{ sku: index % 2 ? 'VALVE-10' : 'PUMP-100', quantity: 1 + (index % 9) }],
    createdAt,
    updatedAt: createdAt,
    createdBy: 'erp',
    requestHash: 'bench',
    executionName: `bench-${index}`,
    atRisk: index % 33 === 2,
    completedStages: [],
    promisedDate: '2027-02-01',
    firstPromisedDate: '2027-01-20',
    ...(statusOf(index) === 'NEEDS_ATTENTION'
      ? { needsAttention: { error: 'States.Timeout', cause: 'ERP silent', at: createdAt, incident: 1 } }
      : {}),
  };
  return { ...orderKey(order.orderId), ...orderIndexKeys(order), entity: 'ORDER', ...order };
}

export async function run(): Promise<BenchTable> {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const local = await startDynamoDbLocal();
  try {
    await ensureTable(local.endpoint, 'console-bench');
    Object.assign(process.env, {
      TABLE_NAME: 'console-bench',
      DYNAMODB_ENDPOINT: local.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const customerIds = Object.keys(DEMO_CUSTOMERS);
    for (const [customerId, customer] of Object.entries(DEMO_CUSTOMERS))
      await putCustomer(
        JSON.parse(
          JSON.stringify({ ...customer, customerId, updatedAt: new Date().toISOString() }),
        ) as Customer,
      );
    const items = Array.from({ length: ORDERS }, (_, index) => orderItem(index, customerIds));
    for (let start = 0; start < items.length; start += 25 * 8) {
      await Promise.all(
        Array.from({ length: 8 }, (_, batch) => items.slice(start + batch * 25, start + batch * 25 + 25))
          .filter((chunk) => chunk.length)
          .map((chunk) =>
            dynamo().send(
              new BatchWriteCommand({
                RequestItems: { [tableName()]: chunk.map((Item) => ({ PutRequest: { Item } })) },
              }),
            ),
          ),
      );
    }
    const atRisk = items.filter((item) => item.atRisk);
    for (const item of atRisk) await setAtRisk(item.orderId, 'promise moved (bench)', item.createdAt);
    const settings = { salesEscalationSeconds: 4 * 3600 };
    const now = new Date();
    const board = await timed(REQUESTS, WARM_UP, async () =>
      renderBoard(
        await consoleBoard(dynamoBoardSource, {}, settings),
        {},
        { locale: 'en', logoutToken: 't', now },
      ),
    );
    // A later page of "Needs you": past the orders needing attention and those at risk, so it reads
    // the awaiting section (the largest) whole to sort it by escalation deadline.
    const awaitingPage = { urgentCursor: encodeUrgentCursor('2|') };
    const later = await timed(REQUESTS, WARM_UP, async () =>
      renderBoard(await consoleBoard(dynamoBoardSource, awaitingPage, settings), awaitingPage, {
        locale: 'en',
        logoutToken: 't',
        now,
      }),
    );
    const laterPage = await consoleBoard(dynamoBoardSource, awaitingPage, settings);
    const first = await consoleBoard(dynamoBoardSource, {}, settings);
    const page = await timed(REQUESTS, WARM_UP, async () =>
      renderConsoleOrder(await consoleOrderModel(first.urgent[0]!.orderId), {
        locale: 'en',
        now,
        formTokens: {},
        timeZone: 'Europe/Berlin',
        logoutToken: 't',
      }),
    );
    return {
      title: `Sales console over ${ORDERS.toLocaleString('en')} orders, ${REQUESTS} requests each (npm run bench -- console)`,
      columns: ['page', 'server p50', 'server p95', 'rows'],
      rows: [
        [
          'board, first page (25 most urgent + 25 newest)',
          ms(percentile(board, 50)),
          ms(percentile(board, 95)),
          `${first.urgent.length} urgent + ${first.rows.length}`,
        ],
        [
          '"Needs you", a page of the awaiting section',
          ms(percentile(later, 50)),
          ms(percentile(later, 95)),
          `${laterPage.urgent.length} urgent`,
        ],
        [
          'order page (needs attention, no promise record)',
          ms(percentile(page, 50)),
          ms(percentile(page, 95)),
          '1',
        ],
      ],
      notes: [
        `Goal: p95 under 200 ms. In process against DynamoDB Local (no HTTP); ${atRisk.length} at risk, ${ORDERS / 100} needing attention, ${ORDERS / 20} awaiting confirmation.`,
      ],
    };
  } finally {
    await local.stop();
  }
}
