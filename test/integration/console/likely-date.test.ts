import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoBoardSource } from '../../../functions/adapters/dynamodb/board-reads.ts';
import { putCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import * as repo from '../../../functions/adapters/dynamodb/order-repository.ts';
import { putPromiseRecord } from '../../../functions/adapters/dynamodb/promise-repository.ts';
import { applySupplyUpdate, DEFAULT_PLANT } from '../../../functions/adapters/dynamodb/supply-repository.ts';
import type { Order } from '../../../functions/domain/order/types.ts';
import type { Customer } from '../../../functions/shared/schemas/customer.ts';
import { consoleBoard } from '../../../functions/usecases/order/console-board.ts';
import { consoleOrderModel } from '../../../functions/usecases/order/wiring.ts';
import { customerOrderView } from '../../../functions/usecases/order/views.ts';
import { adaptersOnFreshTable } from '../../support/dynamo.ts';

/**
 * The likely date read back from the stored promise on DynamoDB Local: the board's second line, the
 * console order page's margin on the plant's shipping calendar, and the tracking link's JSON view.
 */
const PROMISED = '2027-01-20'; // a Wednesday
const LIKELY = '2027-01-15'; // the Friday before

function order(orderId: string, promisedDate: string): Order {
  return {
    orderId,
    customerId: 'cust-likely',
    status: 'ORDER_CONFIRMED',
    lines: [{ sku: 'PUMP-100', quantity: 1 }],
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-01T08:00:00.000Z',
    createdBy: 'erp',
    requestHash: 'hash',
    executionName: orderId,
    atRisk: false,
    completedStages: [],
    promisedDate,
    firstPromisedDate: promisedDate,
    promiseVersion: 1,
  };
}

/** Stores the order and, through the promise repository, its promise record. */
async function store(orderId: string, promise: { date: string; likelyDate?: string }, shown = promise.date) {
  await repo.createOrder(order(orderId, shown));
  await putPromiseRecord({
    orderId,
    customerId: 'cust-likely',
    region: 'EU',
    acceptsSplitDelivery: false,
    lines: [{ sku: 'PUMP-100', quantity: 1 }],
    promise: {
      version: 1,
      ...promise,
      result: {
        date: promise.date,
        lines: [],
        basis: [],
        usedCtp: false,
        dependsOn: { skus: [], workCenters: [] },
        computedAt: '2026-12-01T08:00:00.000Z',
      },
    },
    holds: [],
    open: true,
  });
}

beforeAll(async () => {
  await adaptersOnFreshTable();
  await putCustomer({
    customerId: 'cust-likely',
    name: 'Likely Ltd',
    tier: 'B',
    region: 'EU',
    locale: 'en',
    timeZone: 'Europe/Berlin',
    salesOwner: { name: 'Sam Sales', email: 'sam@plant.example' },
    contacts: [],
    updatedAt: '2026-11-01T00:00:00.000Z',
  } as unknown as Customer);
  // Monday 18 January is a shipping holiday: the margin counts Tuesday and Wednesday only.
  await applySupplyUpdate({
    plant: {
      ...DEFAULT_PLANT,
      shippingCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: ['2027-01-18'] },
    },
  });
  await store('ord-likely', { date: PROMISED, likelyDate: LIKELY });
  await store('ord-no-likely', { date: PROMISED });
  // The order shows a later date than the stored promise (a move not yet written through).
  await store('ord-stale', { date: PROMISED, likelyDate: LIKELY }, '2027-01-27');
}, 120_000);

describe('the likely date read from the stored promise', () => {
  it('is on the board beside the promise it belongs to, and nowhere else', async () => {
    const board = await consoleBoard(dynamoBoardSource, {}, { salesEscalationSeconds: 3600 });
    const likely = Object.fromEntries(board.rows.map((row) => [row.orderId, row.likelyDate]));
    expect(likely).toEqual({ 'ord-likely': LIKELY, 'ord-no-likely': undefined, 'ord-stale': undefined });
  });

  it('is on the board’s row of an order searched for by its number', async () => {
    const board = await consoleBoard(
      dynamoBoardSource,
      { q: 'ord-likely' },
      { salesEscalationSeconds: 3600 },
    );
    expect(board.rows.map((row) => [row.orderId, row.likelyDate])).toEqual([['ord-likely', LIKELY]]);
  });

  it('is on the console order page with the working days of margin on the plant’s shipping calendar', async () => {
    expect((await consoleOrderModel('ord-likely')).likely).toEqual({ date: LIKELY, marginDays: 2 });
    expect((await consoleOrderModel('ord-no-likely')).likely).toBeUndefined();
  });

  it('is in the tracking link’s JSON view, and null where there is none to show', async () => {
    expect(await customerOrderView({ orderId: 'ord-likely' })).toMatchObject({
      promisedDate: PROMISED,
      likelyDate: LIKELY,
    });
    expect((await customerOrderView({ orderId: 'ord-no-likely' })).likelyDate).toBeNull();
    expect((await customerOrderView({ orderId: 'ord-stale' })).likelyDate).toBeNull();
  });
});
