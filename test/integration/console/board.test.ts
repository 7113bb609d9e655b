import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoBoardSource } from '../../../functions/adapters/dynamodb/board-reads.ts';
import { putCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import * as repo from '../../../functions/adapters/dynamodb/order-repository.ts';
import type { Order } from '../../../functions/domain/order/types.ts';
import type { Customer } from '../../../functions/shared/schemas/customer.ts';
import { consoleBoard, PAGE_SIZE, type BoardRow } from '../../../functions/usecases/order/console-board.ts';
import { adaptersOnFreshTable } from '../../support/dynamo.ts';

/**
 * The board's reads on DynamoDB Local: the orders that need a person come in pages, in the issue's
 * order of urgency, with the filters applied before paging; the at-risk orders come by batch.
 */
const settings = { salesEscalationSeconds: 3600 };

let sequence = 0;
function order(overrides: Partial<Order>): Order {
  sequence += 1;
  const createdAt = new Date(Date.UTC(2026, 10, 1) + sequence * 60_000).toISOString();
  return {
    orderId: `ord-board-${String(sequence).padStart(3, '0')}`,
    customerId: 'cust-c',
    status: 'IN_PRODUCTION',
    lines: [{ sku: 'PUMP-100', quantity: 1 }],
    createdAt,
    updatedAt: createdAt,
    createdBy: 'erp',
    requestHash: 'hash',
    executionName: 'exec',
    atRisk: false,
    completedStages: [],
    promisedDate: '2027-01-20',
    firstPromisedDate: '2027-01-20',
    ...overrides,
  };
}

const customer = (customerId: string, tier: 'A' | 'B' | 'C'): Customer =>
  ({
    customerId,
    name: `Customer ${tier}`,
    tier,
    region: 'EU',
    locale: 'en',
    contacts: [],
    updatedAt: '2026-11-01T00:00:00.000Z',
  }) as unknown as Customer;

async function store(...orders: Order[]) {
  for (const item of orders) {
    await repo.createOrder(item);
    if (item.atRisk) await repo.setAtRisk(item.orderId, 'promise moved', item.createdAt);
  }
}

/** Every "Needs you" row, page after page, following the board's own cursor. */
async function allUrgentPages(filters = {}): Promise<{ pages: number; rows: BoardRow[] }> {
  const rows: BoardRow[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const board = await consoleBoard(
      dynamoBoardSource,
      { ...filters, ...(cursor ? { urgentCursor: cursor } : {}) },
      settings,
    );
    expect(board.urgent.length).toBeLessThanOrEqual(PAGE_SIZE);
    rows.push(...board.urgent);
    cursor = board.urgentNextCursor;
    pages += 1;
  } while (cursor);
  return { pages, rows };
}

const expected: string[] = [];

beforeAll(async () => {
  await adaptersOnFreshTable();
  await putCustomer(customer('cust-a', 'A'));
  await putCustomer(customer('cust-c', 'C'));
  const attention = Array.from({ length: 12 }, () =>
    order({
      status: 'NEEDS_ATTENTION',
      needsAttention: { error: 'States.Timeout', cause: 'ERP silent', at: '', incident: 1 },
    }),
  ).map((item, index) => ({
    ...item,
    needsAttention: {
      ...item.needsAttention!,
      at: new Date(Date.UTC(2026, 10, 20, 0, 59 - index)).toISOString(),
    },
  }));
  // Days late 1..15, alternating tiers; an at-risk order also awaiting confirmation counts as at risk.
  const risk = Array.from({ length: 15 }, (_, index) =>
    order({
      atRisk: true,
      customerId: index % 2 ? 'cust-a' : 'cust-c',
      status: index === 3 ? 'AWAITING_SALES_CONFIRMATION' : 'MATERIAL_PREP',
      promisedDate: new Date(Date.UTC(2027, 0, 20 + (index % 8))).toISOString().slice(0, 10),
    }),
  );
  // Awaiting confirmation, deadlines in the reverse of creation order.
  const waiting = Array.from({ length: 14 }, (_, index) =>
    order({
      status: 'AWAITING_SALES_CONFIRMATION',
      salesEscalatesAt: new Date(Date.UTC(2026, 11, 2, 20 - index)).toISOString(),
    }),
  );
  const calm = Array.from({ length: 30 }, () => order({}));
  await store(...attention, ...risk, ...waiting, ...calm);
  expected.push(
    ...[...attention]
      .sort((a, b) => a.needsAttention!.at.localeCompare(b.needsAttention!.at))
      .map((o) => o.orderId),
    ...[...risk]
      .sort(
        (a, b) =>
          b.promisedDate!.localeCompare(a.promisedDate!) ||
          (a.customerId === 'cust-a' ? 0 : 1) - (b.customerId === 'cust-a' ? 0 : 1) ||
          a.orderId.localeCompare(b.orderId),
      )
      .map((o) => o.orderId),
    ...[...waiting]
      .sort((a, b) => a.salesEscalatesAt!.localeCompare(b.salesEscalatesAt!))
      .map((o) => o.orderId),
  );
}, 120_000);

describe('the board over DynamoDB Local', () => {
  it('pages the orders that need a person in order of urgency, with no order missed or shown twice', async () => {
    const { pages, rows } = await allUrgentPages();
    expect(pages).toBe(2);
    expect(rows.map((row) => row.orderId)).toEqual(expected);
    const first = await consoleBoard(dynamoBoardSource, {}, settings);
    expect(first.rows).toHaveLength(PAGE_SIZE);
  });

  it('counts each kind of order that needs a person over all pages, the same on every page', async () => {
    const first = await consoleBoard(dynamoBoardSource, {}, settings);
    expect(first.urgentCounts).toEqual({ attention: 12, risk: 15, await: 14 });
    const second = await consoleBoard(
      dynamoBoardSource,
      { urgentCursor: first.urgentNextCursor as string },
      settings,
    );
    expect(second.urgentCounts).toEqual(first.urgentCounts);
    expect(first.urgent.length + second.urgent.length).toBe(12 + 15 + 14);
    // The filters count too: tier A has only at-risk orders.
    expect((await consoleBoard(dynamoBoardSource, { tier: 'A' }, settings)).urgentCounts).toEqual({
      attention: 0,
      risk: 7,
      await: 0,
    });
  });

  it('counts down to the escalation deadline the workflow set, not to the last update', async () => {
    const { rows } = await allUrgentPages();
    const waiting = rows.filter((row) => row.urgency === 'await');
    expect(waiting[0]?.escalatesAt).toBe(new Date(Date.UTC(2026, 11, 2, 7)).toISOString());
  });

  it('applies the filters before paging: tier A shows only the at-risk orders of the A customer', async () => {
    const { rows } = await allUrgentPages({ tier: 'A' });
    expect(rows.length).toBe(7);
    expect(rows.every((row) => row.tier === 'A' && row.urgency === 'risk')).toBe(true);
  });

  it('pages the at-risk list of all orders through the at-risk index, newest first', async () => {
    const board = await consoleBoard(dynamoBoardSource, { atRisk: true, urgentCursor: undefined }, settings);
    expect(board.rows.map((row) => row.orderId).sort()).toHaveLength(15);
    expect(board.rows.every((row) => row.atRiskReasons.includes('promise moved'))).toBe(true);
  });

  it('finds an order by its number', async () => {
    const board = await consoleBoard(dynamoBoardSource, { q: expected[0] }, settings);
    expect(board.rows.map((row) => row.orderId)).toEqual([expected[0]]);
  });
});
