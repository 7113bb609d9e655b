import { beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../functions/adapters/dynamodb/entities/order.ts';
import * as repo from '../../../functions/adapters/dynamodb/order-repository.ts';
import { freshTable } from '../../support/dynamo.ts';

beforeAll(async () => {
  const { endpoint, tableName } = await freshTable();
  process.env.TABLE_NAME = tableName;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.AWS_REGION = 'eu-west-1';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
});

let sequence = 0;
function newOrder(overrides: Partial<Order> = {}): Order {
  sequence += 1;
  return {
    orderId: `ord-${sequence}-${Math.random().toString(36).slice(2, 8)}`,
    customerId: 'cust-1',
    status: 'INQUIRY_RECEIVED',
    lines: [{ sku: 'PUMP-100', quantity: 5 }],
    createdAt: `2026-11-23T10:00:0${sequence % 10}.000Z`,
    updatedAt: '2026-11-23T10:00:00.000Z',
    createdBy: 'sales:alice',
    requestHash: 'hash',
    executionName: 'exec',
    atRisk: false,
    completedStages: [],
    ...overrides,
  };
}

describe('order repository on DynamoDB Local', () => {
  it('stores an order once; a second create with the same id writes nothing', async () => {
    const order = newOrder();
    expect(await repo.createOrder(order)).toBe(true);
    expect(await repo.createOrder({ ...order, note: 'changed' })).toBe(false);
    expect((await repo.getOrder(order.orderId))?.note).toBeUndefined();
  });

  it('moves an order forward only from an allowed status, recording each move once', async () => {
    const order = newOrder();
    await repo.createOrder(order);
    const quoted = {
      to: 'QUOTED' as const,
      id: 'QUOTED#v1',
      at: '2026-11-23T11:00:00.000Z',
      summary: 'Quote sent',
    };
    expect(await repo.transitionOrder(order.orderId, quoted)).toBe(true);
    expect(await repo.transitionOrder(order.orderId, quoted)).toBe(false);
    expect(
      await repo.transitionOrder(order.orderId, { to: 'DELIVERED', at: quoted.at, summary: 'skip ahead' }),
    ).toBe(false);
    const partition = await repo.getOrderPartition(order.orderId);
    const timeline = partition.filter((item) => item.entity === 'TIMELINE').map((item) => item.kind);
    expect(timeline).toEqual(['INQUIRY_RECEIVED', 'STATUS_QUOTED#v1']);
    expect((await repo.getOrder(order.orderId))?.status).toBe('QUOTED');
  });

  it('records an ERP event once and keeps the arrived marker for its stage', async () => {
    const order = newOrder();
    await repo.createOrder(order);
    const event = {
      eventId: `evt-${order.orderId}`,
      orderId: order.orderId,
      type: 'MATERIALS_READY',
      occurredAt: '2026-11-24T08:00:00.000Z',
      receivedAt: '2026-11-24T08:00:01.000Z',
      data: {},
    };
    expect(await repo.recordErpEvent(event, 'MATERIALS_READY', 'Materials ready')).toBe(true);
    expect(await repo.recordErpEvent(event, 'MATERIALS_READY', 'Materials ready')).toBe(false);
    expect((await repo.getArrivedEvent(order.orderId, 'MATERIALS_READY'))?.eventId).toBe(event.eventId);
    const erpEntries = (await repo.getOrderPartition(order.orderId)).filter((item) =>
      String(item.kind).startsWith('ERP_'),
    );
    expect(erpEntries).toHaveLength(1);
  });

  it('applies a genuine repeat of a move (a re-quote) under a new occurrence id', async () => {
    const order = newOrder();
    await repo.createOrder(order);
    await repo.transitionOrder(order.orderId, {
      to: 'QUOTED',
      id: 'QUOTED#v1',
      at: '2026-11-23T11:00:00.000Z',
      summary: 'v1',
    });
    expect(
      await repo.transitionOrder(order.orderId, {
        to: 'QUOTED',
        id: 'QUOTED#v2',
        at: '2026-11-23T12:00:00.000Z',
        summary: 'v2',
      }),
    ).toBe(true);
  });

  it('keeps a wait until it is deleted with its own token', async () => {
    const order = newOrder();
    await repo.saveWait({
      orderId: order.orderId,
      stage: 'SHIPPED',
      taskToken: 'token-2',
      since: order.createdAt,
    });
    await repo.deleteWait(order.orderId, 'SHIPPED', 'token-1');
    expect((await repo.getWait(order.orderId, 'SHIPPED'))?.taskToken).toBe('token-2');
    await repo.deleteWait(order.orderId, 'SHIPPED', 'token-2');
    expect(await repo.getWait(order.orderId, 'SHIPPED')).toBeUndefined();
  });

  it('lists orders by status, by customer and at risk through the indexes', async () => {
    const customerId = `cust-list-${Math.random().toString(36).slice(2, 8)}`;
    const first = newOrder({ customerId, status: 'QUOTED' });
    const second = newOrder({ customerId });
    await repo.createOrder(first);
    await repo.createOrder(second);
    await repo.setAtRisk(second.orderId, 'stage deadline missed', '2026-11-25T00:00:00.000Z');

    const byCustomer = await repo.listOrders({ customerId, limit: 10 });
    expect(byCustomer.orders.map((order) => order.orderId).sort()).toEqual(
      [first.orderId, second.orderId].sort(),
    );
    const quoted = await repo.listOrders({ status: 'QUOTED', limit: 50 });
    expect(quoted.orders.map((order) => order.orderId)).toContain(first.orderId);
    expect(quoted.orders.map((order) => order.orderId)).not.toContain(second.orderId);
    const atRisk = await repo.listOrders({ atRisk: true, limit: 50 });
    expect(atRisk.orders.find((order) => order.orderId === second.orderId)?.atRiskReasons).toEqual([
      'stage deadline missed',
    ]);
  });

  it('pages through orders with an opaque cursor', async () => {
    const customerId = `cust-page-${Math.random().toString(36).slice(2, 8)}`;
    for (let index = 0; index < 3; index += 1) await repo.createOrder(newOrder({ customerId }));
    const first = await repo.listOrders({ customerId, limit: 2 });
    expect(first.orders).toHaveLength(2);
    const rest = await repo.listOrders({ customerId, limit: 2, cursor: first.nextCursor });
    expect(rest.orders).toHaveLength(1);
  });
});
