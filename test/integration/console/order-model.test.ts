import { beforeAll, describe, expect, it } from 'vitest';
import { putCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import * as repo from '../../../functions/adapters/dynamodb/order-repository.ts';
import type { Customer } from '../../../functions/shared/schemas/customer.ts';
import { consoleOrderModel } from '../../../functions/usecases/order/wiring.ts';
import { adaptersOnFreshTable } from '../../support/dynamo.ts';

/** The console order page's promise history on DynamoDB Local: every version, the first one too. */
beforeAll(async () => {
  await adaptersOnFreshTable();
  await putCustomer({
    customerId: 'cust-h',
    name: 'History Ltd',
    tier: 'B',
    region: 'EU',
    contacts: [],
    updatedAt: '2026-11-01T00:00:00.000Z',
  } as unknown as Customer);
}, 120_000);

describe('the console order page’s promise history', () => {
  it('starts with version 1, the engine’s first promise, then each move with its old and new date', async () => {
    const orderId = 'ord-history-1';
    await repo.createOrder({
      orderId,
      customerId: 'cust-h',
      status: 'INQUIRY_RECEIVED',
      lines: [{ sku: 'PUMP-100', quantity: 2 }],
      createdAt: '2026-12-01T08:00:00.000Z',
      updatedAt: '2026-12-01T08:00:00.000Z',
      createdBy: 'erp',
      requestHash: 'h',
      executionName: orderId,
      atRisk: false,
      completedStages: [],
    });
    await repo.patchOrder(orderId, {
      firstPromisedDate: '2027-01-05',
      promisedDate: '2027-01-09',
      promiseVersion: 2,
    });
    await repo.transitionOrder(orderId, {
      to: 'QUOTED',
      id: 'QUOTED#v1',
      at: '2026-12-01T08:00:03.000Z',
      summary: 'Quote sent: delivery 2027-01-05',
    });
    await repo.appendTimeline(orderId, {
      at: '2026-12-03T10:00:00.000Z',
      kind: 'PROMISE_V2',
      summary: 'Promise moved',
      data: { version: 2, previousDate: '2027-01-05', newDate: '2027-01-09', reason: 'late steel' },
    });
    const model = await consoleOrderModel(orderId);
    expect(model.history).toEqual([
      { version: 1, newDate: '2027-01-05', reason: '', first: true, at: '2026-12-01T08:00:03.000Z' },
      {
        version: 2,
        previousDate: '2027-01-05',
        newDate: '2027-01-09',
        reason: 'late steel',
        at: '2026-12-03T10:00:00.000Z',
      },
    ]);
  });
});
