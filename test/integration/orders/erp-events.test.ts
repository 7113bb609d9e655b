import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { putCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import type { Order } from '../../../functions/adapters/dynamodb/entities/order.ts';
import * as repo from '../../../functions/adapters/dynamodb/order-repository.ts';
import * as supply from '../../../functions/adapters/dynamodb/supply-repository.ts';
import { ConflictError } from '../../../functions/shared/errors.ts';
import { receiveErpEvent, type ErpEventInput } from '../../../functions/usecases/order/erp-event.ts';
import type { ExecutionState, OrderDeps, WorkflowPort } from '../../../functions/usecases/order/ports.ts';
import { orderDeps } from '../../../functions/usecases/order/wiring.ts';
import { DEMO_CUSTOMERS } from '../../../infra/local/seed.ts';
import { useNotificationOutboxes } from '../../support/notify-outboxes.ts';

/**
 * ERP events are applied exactly once end to end: an event counts as done only once it is
 * applied, an id names one event of one order, and finished orders take none. DynamoDB Local,
 * the real promise use cases and the local outboxes; the Step Functions port is a recording double.
 */
const outboxes = useNotificationOutboxes();

class RecordingWorkflow implements WorkflowPort {
  readonly states = new Map<string, ExecutionState>();
  readonly resumed: string[] = [];
  async start() {}
  async state(name: string) {
    return this.states.get(name) ?? 'MISSING';
  }
  async stop() {}
  async resume(taskToken: string) {
    this.resumed.push(taskToken);
    return 'resumed' as const;
  }
  async fail() {
    return 'failed' as const;
  }
}

let workflow: RecordingWorkflow;
let deps: OrderDeps;
const customerId = `cust-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  await supply.applySupplyUpdate({ transit: [{ region: 'EU', days: 1 }] });
  await putCustomer({
    ...DEMO_CUSTOMERS.acme,
    customerId,
    updatedAt: new Date().toISOString(),
    contacts: [{ id: 'buyer', name: 'Buyer', email: 'buyer@erp-test.example' }],
  });
  workflow = new RecordingWorkflow();
  deps = { ...orderDeps(), workflow };
});

async function orderIn(status: Order['status']): Promise<Order> {
  const sku = `PART-${randomUUID().slice(0, 8)}`;
  await supply.putProduct({ sku, name: sku, kind: 'stock', bom: [], routing: [], unitPrice: 5 });
  await supply.applySupplyUpdate({ stock: [{ sku, onHand: 10 }] });
  const orderId = `ord_${randomUUID().slice(0, 12)}`;
  const now = new Date().toISOString();
  const order: Order = {
    orderId,
    customerId,
    status,
    lines: [{ sku, quantity: 1 }],
    createdAt: now,
    updatedAt: now,
    createdBy: 'test',
    requestHash: 'h',
    executionName: orderId,
    atRisk: false,
    completedStages: [],
  };
  await repo.createOrder(order);
  const { promise } = await deps.promises.quote(order, (await deps.customers.get(customerId))!);
  await repo.patchOrder(orderId, { promisedDate: promise.date, promiseVersion: promise.version });
  workflow.states.set(orderId, 'RUNNING');
  return (await repo.getOrder(orderId))!;
}

const event = (orderId: string, type: ErpEventInput['type'], data: Record<string, unknown> = {}) => ({
  eventId: `evt-${randomUUID()}`,
  orderId,
  type,
  occurredAt: new Date().toISOString(),
  data,
});

const mailsWith = async (subjectPart: string) =>
  ((await (await fetch(outboxes.ses.storeUrl)).json()) as { emails: { subject: string }[] }).emails.filter(
    (mail) => mail.subject.includes(subjectPart),
  );

describe('an ERP event whose application fails midway', () => {
  it('is applied by the retry (not answered as a duplicate), and the customer hears of the delay once', async () => {
    const order = await orderIn('MATERIAL_PREP');
    const delay = event(order.orderId, 'DELAY_REPORTED', {
      stage: 'MATERIALS_READY',
      newEstimatedDate: '2027-03-01',
      reason: 'Supplier strike',
    });
    // The first delivery stores the new promise, then fails before anyone is told.
    let failOnce = true;
    const failing: OrderDeps = {
      ...deps,
      promises: {
        ...deps.promises,
        recheckAfterEvent: async (...args) => {
          const result = await deps.promises.recheckAfterEvent(...args);
          if (failOnce) {
            failOnce = false;
            throw new Error('lost connection after the write');
          }
          return result;
        },
      },
    };

    await expect(receiveErpEvent(failing, delay)).rejects.toThrow('lost connection');
    const retry = await receiveErpEvent(failing, delay);
    const repeat = await receiveErpEvent(failing, delay);

    expect(retry).toMatchObject({ duplicate: false });
    expect(repeat).toMatchObject({ duplicate: true });
    const after = await repo.getOrder(order.orderId);
    expect(after?.promisedDate).not.toBe(order.promisedDate);
    expect(after?.promiseVersion).toBe(2);
    expect(await mailsWith(`Order ${order.orderId}: new delivery date`)).toHaveLength(1);
  });
});

describe('event ids', () => {
  it('refuses an id already used for another order with 409, and records nothing for it', async () => {
    const first = await orderIn('MATERIAL_PREP');
    const second = await orderIn('MATERIAL_PREP');
    const ready = event(first.orderId, 'MATERIALS_READY');
    await receiveErpEvent(deps, ready);

    await expect(receiveErpEvent(deps, { ...ready, orderId: second.orderId })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await repo.getArrivedEvent(second.orderId, 'MATERIALS_READY')).toBeUndefined();
  });

  it('refuses an id reused for a different event of the same order with 409', async () => {
    const order = await orderIn('MATERIAL_PREP');
    const ready = event(order.orderId, 'MATERIALS_READY');
    await receiveErpEvent(deps, ready);

    await expect(receiveErpEvent(deps, { ...ready, type: 'PRODUCTION_STARTED' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await receiveErpEvent(deps, ready)).toMatchObject({ duplicate: true });
  });
});

describe('a finished order', () => {
  it.each(['QUOTE_REJECTED', 'DELIVERED', 'CANCELLED', 'QUOTE_EXPIRED'] as const)(
    'takes no production event when %s (409), and nothing of it reaches its timeline',
    async (status) => {
      const order = await orderIn(status);

      await expect(receiveErpEvent(deps, event(order.orderId, 'DELIVERED'))).rejects.toBeInstanceOf(
        ConflictError,
      );
      const timeline = (await repo.getOrderPartition(order.orderId)).filter((item) =>
        String(item.kind ?? '').startsWith('ERP_'),
      );
      expect(timeline).toEqual([]);
    },
  );
});

describe('a stage event for an order whose workflow is gone', () => {
  it('is kept for the retry and the order goes to sales', async () => {
    const order = await orderIn('MATERIAL_PREP');
    workflow.states.set(order.executionName, 'FAILED');

    const result = await receiveErpEvent(deps, event(order.orderId, 'MATERIALS_READY'));

    expect(result).toMatchObject({ duplicate: false, applied: 'kept' });
    expect(await repo.getArrivedEvent(order.orderId, 'MATERIALS_READY')).toBeDefined();
    expect((await repo.getOrder(order.orderId))?.status).toBe('NEEDS_ATTENTION');
  });

  it('is recorded as usual while a continuation is named but not started yet', async () => {
    const order = await orderIn('MATERIAL_PREP');
    const continuation = `${order.orderId}--c2`;
    await repo.patchOrder(order.orderId, {
      executionName: continuation,
      executionNamedAt: new Date().toISOString(),
    });

    const result = await receiveErpEvent(deps, event(order.orderId, 'MATERIALS_READY'));

    expect(result).toMatchObject({ duplicate: false, applied: 'recorded' });
    expect((await repo.getOrder(order.orderId))?.status).toBe('MATERIAL_PREP');
  });
});
