import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { putCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import type { Order } from '../../../functions/adapters/dynamodb/entities/order.ts';
import * as repo from '../../../functions/adapters/dynamodb/order-repository.ts';
import { getPromiseRecord } from '../../../functions/adapters/dynamodb/promise-repository.ts';
import * as supply from '../../../functions/adapters/dynamodb/supply-repository.ts';
import { ConflictError } from '../../../functions/shared/errors.ts';
import { alertOperators } from '../../../functions/usecases/order/attention.ts';
import { cancelOrder } from '../../../functions/usecases/order/cancel.ts';
import { confirmOrder } from '../../../functions/usecases/order/confirm-order.ts';
import { decidePromise, decideQuote } from '../../../functions/usecases/order/decisions.ts';
import type { ExecutionState, OrderDeps, WorkflowPort } from '../../../functions/usecases/order/ports.ts';
import { retryOrder } from '../../../functions/usecases/order/retry.ts';
import { orderDeps } from '../../../functions/usecases/order/wiring.ts';
import { DEMO_CUSTOMERS } from '../../../infra/local/seed.ts';
import { useNotificationOutboxes } from '../../support/notify-outboxes.ts';

/**
 * Orders that cannot move on by themselves reach a person, and sales can retry or cancel them.
 * The use cases run on DynamoDB Local, the real promise engine and the local outboxes; only the
 * Step Functions port is an in-memory double that records what it was asked.
 */
const outboxes = useNotificationOutboxes();

class RecordingWorkflow implements WorkflowPort {
  readonly states = new Map<string, ExecutionState>();
  readonly started: { name: string; input: Record<string, unknown> }[] = [];
  readonly stopped: string[] = [];
  async start(name: string, input: unknown) {
    if (!this.states.has(name)) this.started.push({ name, input: input as Record<string, unknown> });
    this.states.set(name, 'RUNNING');
  }
  async state(name: string) {
    return this.states.get(name) ?? 'MISSING';
  }
  async stop(name: string) {
    this.stopped.push(name);
    if (this.states.get(name) === 'RUNNING') this.states.set(name, 'ABORTED');
  }
  async resume() {
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
  process.env.OPERATIONS_EMAIL = 'operations@example.com';
  await supply.applySupplyUpdate({ transit: [{ region: 'EU', days: 1 }] });
  await putCustomer({
    ...DEMO_CUSTOMERS.acme,
    customerId,
    updatedAt: new Date().toISOString(),
    contacts: [{ id: 'buyer', name: 'Buyer', email: 'buyer@acme.example' }],
  });
  workflow = new RecordingWorkflow();
  deps = { ...orderDeps(), workflow };
});

/** A stock SKU with `onHand` units and no purchase lead time: when the shelf is empty, no date exists. */
async function shelfOnlySku(onHand: number): Promise<string> {
  const sku = `SHELF-${randomUUID().slice(0, 8)}`;
  await supply.putProduct({ sku, name: sku, kind: 'stock', bom: [], routing: [], unitPrice: 5 });
  await supply.applySupplyUpdate({ stock: [{ sku, onHand }] });
  return sku;
}

/** A quoted order for `quantity` of `sku`, accepted by the customer, with its execution running. */
async function acceptedOrder(sku: string, quantity = 1, overrides: Partial<Order> = {}): Promise<Order> {
  const orderId = `ord_${randomUUID().slice(0, 12)}`;
  const now = new Date().toISOString();
  const order: Order = {
    orderId,
    customerId,
    status: 'QUOTED',
    lines: [{ sku, quantity }],
    createdAt: now,
    updatedAt: now,
    createdBy: 'test',
    requestHash: 'h',
    executionName: orderId,
    atRisk: false,
    completedStages: [],
    decision: 'accept',
    decisionForVersion: 1,
    lastTransitionId: 'QUOTED#v1',
    ...overrides,
  };
  await repo.createOrder(order);
  const customer = await deps.customers.get(customerId);
  const { promise } = await deps.promises.quote(order, customer!);
  await repo.patchOrder(orderId, { promisedDate: promise.date, promiseVersion: promise.version });
  workflow.states.set(orderId, 'RUNNING');
  return (await repo.getOrder(orderId))!;
}

const mailsTo = async (address: string, subject: string) =>
  (
    (await (await fetch(outboxes.ses.storeUrl)).json()) as {
      emails: { subject: string; destination: { to: string[] }; body: { text?: string } }[];
    }
  ).emails.filter((mail) => mail.subject === subject && mail.destination.to.includes(address));

describe('an accepted quote whose supply went to another order', () => {
  it('goes to sales as NEEDS_ATTENTION with the cause in words when no date can be promised, told once', async () => {
    const sku = await shelfOnlySku(1);
    const winner = await acceptedOrder(sku);
    const loser = await acceptedOrder(sku);

    expect(await confirmOrder(deps, winner.orderId)).toEqual({ outcome: 'CONFIRMED' });
    expect(await confirmOrder(deps, loser.orderId)).toEqual({ outcome: 'NEEDS_ATTENTION' });
    expect(await confirmOrder(deps, loser.orderId)).toEqual({ outcome: 'NEEDS_ATTENTION' });

    const order = await repo.getOrder(loser.orderId);
    expect(order?.status).toBe('NEEDS_ATTENTION');
    expect(order?.needsAttention).toMatchObject({ previousStatus: 'QUOTED', incident: 1 });
    expect(order?.needsAttention?.cause).toContain(`no delivery date can be promised any more`);
    expect(order?.needsAttention?.cause).toContain(sku);
    const subject = `Needs attention: order ${loser.orderId}`;
    expect(await mailsTo('sam.sales@plant.example', subject)).toHaveLength(1);
    const operations = await mailsTo('operations@example.com', subject);
    expect(operations).toHaveLength(1);
    expect(operations[0]?.body.text).toContain(sku);
    const listed = await repo.listOrders({ status: 'NEEDS_ATTENTION', limit: 100 });
    expect(listed.orders.map((listedOrder) => listedOrder.orderId)).toContain(loser.orderId);
  });

  it('is retried from ConfirmOrder once supply is back, in one execution named by the incident', async () => {
    const sku = await shelfOnlySku(1);
    const winner = await acceptedOrder(sku);
    const loser = await acceptedOrder(sku);
    await confirmOrder(deps, winner.orderId);
    await confirmOrder(deps, loser.orderId);
    await supply.applySupplyUpdate({ stock: [{ sku, onHand: 2 }] });

    const retried = await retryOrder(deps, loser.orderId, { idempotencyKey: 'retry-1' });
    const repeated = await retryOrder(deps, loser.orderId, { idempotencyKey: 'retry-1' });

    expect(retried).toMatchObject({
      executionName: `${loser.orderId}--r1`,
      status: 'QUOTED',
      resumeAt: 'ConfirmOrder',
      repeated: false,
    });
    expect(repeated).toMatchObject({ executionName: `${loser.orderId}--r1`, repeated: true });
    const starts = workflow.started.filter((start) => start.name.startsWith(loser.orderId));
    expect(starts).toHaveLength(1);
    expect(starts[0]?.input).toMatchObject({ orderId: loser.orderId, resumeAt: 'ConfirmOrder' });
    const order = await repo.getOrder(loser.orderId);
    expect(order).toMatchObject({ status: 'QUOTED', executionName: `${loser.orderId}--r1` });
    expect(order?.needsAttention).toBeUndefined();
    expect(await confirmOrder(deps, loser.orderId)).toEqual({ outcome: 'CONFIRMED' });
  });

  it('refuses a retry of an order that does not need attention with 409', async () => {
    const order = await acceptedOrder(await shelfOnlySku(5));
    await expect(retryOrder(deps, order.orderId)).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('an unexpected workflow failure', () => {
  it('tells sales and operations in words, without a stack trace, once per incident', async () => {
    const order = await acceptedOrder(await shelfOnlySku(5));
    const failure = {
      Error: 'TypeError',
      Cause: JSON.stringify({
        errorType: 'TypeError',
        errorMessage: "Cannot read properties of undefined (reading 'date')",
        trace: ['TypeError: boom', '    at advanceStage (steps.ts:120:5)'],
      }),
    };

    await alertOperators(deps, { orderId: order.orderId, error: failure });
    await alertOperators(deps, { orderId: order.orderId, error: failure });

    const flagged = await repo.getOrder(order.orderId);
    expect(flagged?.status).toBe('NEEDS_ATTENTION');
    expect(flagged?.needsAttention?.cause).toBe(
      "The workflow stopped at an unexpected error (TypeError): Cannot read properties of undefined (reading 'date')",
    );
    const subject = `Needs attention: order ${order.orderId}`;
    expect(await mailsTo('operations@example.com', subject)).toHaveLength(1);
    expect((await mailsTo('sam.sales@plant.example', subject))[0]?.body.text).not.toContain('steps.ts');
  });
});

describe('cancel', () => {
  it('cancels an order that needs attention at once: holds freed, customer told once, then 409', async () => {
    const sku = await shelfOnlySku(3);
    const order = await acceptedOrder(sku, 2);
    await confirmOrder(deps, order.orderId);
    expect((await getPromiseRecord(order.orderId))?.holds.length).toBeGreaterThan(0);
    await alertOperators(deps, { orderId: order.orderId, error: { Error: 'States.Timeout' } });

    const result = await cancelOrder(deps, order.orderId, 'Customer project stopped');

    expect(result.status).toBe('CANCELLED');
    expect((await repo.getOrder(order.orderId))?.status).toBe('CANCELLED');
    expect(await getPromiseRecord(order.orderId)).toMatchObject({ open: false, holds: [] });
    expect(await mailsTo('buyer@acme.example', `Order ${order.orderId} was cancelled`)).toHaveLength(1);
    await expect(cancelOrder(deps, order.orderId, 'again')).rejects.toBeInstanceOf(ConflictError);
  });

  it('cancels a waiting order whose execution has failed, without the workflow', async () => {
    const order = await acceptedOrder(await shelfOnlySku(3));
    workflow.states.set(order.executionName, 'FAILED');

    const result = await cancelOrder(deps, order.orderId, 'Duplicate order');

    expect(result.status).toBe('CANCELLED');
    expect((await repo.getOrder(order.orderId))?.status).toBe('CANCELLED');
    expect(await mailsTo('buyer@acme.example', `Order ${order.orderId} was cancelled`)).toHaveLength(1);
  });

  it('leaves a running workflow to cancel at its wait (202), marking the request', async () => {
    const order = await acceptedOrder(await shelfOnlySku(3));

    const result = await cancelOrder(deps, order.orderId, 'Changed plans');

    expect(result.status).toBe('QUOTED');
    expect((await repo.getOrder(order.orderId))?.cancelRequested).toBe(true);
  });
});

describe('a person acting on an order whose workflow is gone', () => {
  it('gets 409 for a quote decision, nothing is recorded, and the order goes to sales', async () => {
    const order = await acceptedOrder(await shelfOnlySku(3), 1, { decision: undefined });
    workflow.states.set(order.executionName, 'MISSING');

    await expect(decideQuote(deps, order.orderId, 'accept')).rejects.toBeInstanceOf(ConflictError);

    const after = await repo.getOrder(order.orderId);
    expect(after?.decision).toBeUndefined();
    expect(after?.status).toBe('NEEDS_ATTENTION');
    expect(after?.needsAttention?.cause).toContain('not running');
  });

  it('gets 409 for a sales confirmation of an order that needs attention', async () => {
    const order = await acceptedOrder(await shelfOnlySku(3), 1, { status: 'AWAITING_SALES_CONFIRMATION' });
    workflow.states.set(order.executionName, 'FAILED');

    await expect(decidePromise(deps, order.orderId, { action: 'confirm' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(decidePromise(deps, order.orderId, { action: 'confirm' })).rejects.toThrow(
      /NEEDS_ATTENTION/,
    );
    expect((await repo.getOrder(order.orderId))?.salesDecision).toBeUndefined();
  });
});
