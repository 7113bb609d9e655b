import { describe, expect, it } from 'vitest';
import { receiveErpEvent } from '../../../functions/usecases/order/erp-event.ts';
import { receiveInquiry } from '../../../functions/usecases/order/inquiry.ts';
import { decideQuote } from '../../../functions/usecases/order/decisions.ts';
import { announcePromiseMoved } from '../../../functions/usecases/order/promise-moved.ts';
import { salesOrderView } from '../../../functions/usecases/order/views.ts';
import { continueAsNew } from '../../../functions/usecases/order/continue-as-new.ts';
import { awaitCallback } from '../../../functions/usecases/order/steps/await-callback.ts';
import { cancelOrder } from '../../../functions/usecases/order/cancel.ts';
import type { OrderDeps } from '../../../functions/usecases/order/ports.ts';
import { ConflictError, QuoteExpiredError, ValidationError } from '../../../functions/shared/errors.ts';
import { memoryOrderWorld } from '../../support/memory/order-deps.ts';

const customer = { customerId: 'c-1', tier: 'A' as const, region: 'EU', acceptsSplitDelivery: false };
const world = () =>
  memoryOrderWorld({ now: '2027-03-01T09:00:00Z', customers: [customer], skus: ['PUMP-100'] });
const inquiry = { customerId: 'c-1', lines: [{ sku: 'PUMP-100', quantity: 2 }] };

describe('order use cases on in-memory ports', () => {
  it('stores an inquiry at the injected time and starts its workflow once, even when the same key is replayed', async () => {
    const w = world();
    const first = await receiveInquiry(w.deps, inquiry, { createdBy: 'erp', idempotencyKey: 'k1' });
    const again = await receiveInquiry(w.deps, inquiry, { createdBy: 'erp', idempotencyKey: 'k1' });
    expect(again).toMatchObject({ orderId: first.orderId, replayed: true });
    expect(w.orders.allOrders()).toHaveLength(1);
    expect(w.orders.allOrders()[0]?.createdAt).toBe('2027-03-01T09:00:00.000Z');
    expect(w.started).toEqual([first.orderId]);
  });

  it('refuses a reused idempotency key carrying a different inquiry, writing nothing new', async () => {
    const w = world();
    await receiveInquiry(w.deps, inquiry, { createdBy: 'erp', idempotencyKey: 'k1' });
    const different = { ...inquiry, lines: [{ sku: 'PUMP-100', quantity: 3 }] };
    await expect(
      receiveInquiry(w.deps, different, { createdBy: 'erp', idempotencyKey: 'k1' }),
    ).rejects.toThrow(ConflictError);
    expect(w.orders.allOrders()[0]?.lines[0]?.quantity).toBe(2);
  });

  it('rejects a requested date before the injected today, naming the field', async () => {
    const w = world();
    const past = { ...inquiry, requestedDate: '2027-02-28' };
    const error = await receiveInquiry(w.deps, past, { createdBy: 'erp' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(JSON.stringify(error)).toContain('requestedDate');
    expect(w.orders.allOrders()).toHaveLength(0);
  });

  it('applies an ERP stage event once: a redelivery is a duplicate and resumes nothing more', async () => {
    const w = world();
    const { orderId } = await receiveInquiry(w.deps, inquiry, { createdBy: 'erp' });
    await w.orders.transitionOrder(orderId, { to: 'QUOTED', at: '2027-03-01T09:01:00Z', summary: 'quoted' });
    await w.orders.transitionOrder(orderId, {
      to: 'ORDER_CONFIRMED',
      at: '2027-03-01T09:02:00Z',
      summary: 'ok',
    });
    await w.orders.saveWait({
      orderId,
      stage: 'MATERIALS_READY',
      taskToken: 't-1',
      since: '2027-03-01T09:02:00Z',
    });
    const event = {
      eventId: 'e-1',
      orderId,
      type: 'MATERIALS_READY' as const,
      occurredAt: '2027-03-02T08:00:00Z',
      data: {},
    };
    const first = await receiveErpEvent(w.deps, event);
    const second = await receiveErpEvent(w.deps, event);
    expect(first).toEqual({ eventId: 'e-1', duplicate: false, applied: 'advanced' });
    expect(second).toEqual({ eventId: 'e-1', duplicate: true, applied: 'none' });
    expect(w.resumed).toHaveLength(1);
    expect(await w.orders.getWait(orderId, 'MATERIALS_READY')).toBeUndefined();
  });

  it('refuses a decision with QuoteExpired once the injected clock passes the quote validity, writing nothing', async () => {
    const w = world();
    const { orderId } = await receiveInquiry(w.deps, inquiry, { createdBy: 'erp' });
    await w.orders.transitionOrder(orderId, {
      to: 'QUOTED',
      at: '2027-03-01T09:01:00Z',
      summary: 'quoted',
      patch: { quoteValidUntil: '2027-03-15T09:01:00Z', promiseVersion: 1 },
    });
    w.setNow('2027-03-16T00:00:00Z');
    await expect(decideQuote(w.deps, orderId, 'accept')).rejects.toThrow(QuoteExpiredError);
    expect((await w.orders.getOrder(orderId))?.decision).toBeUndefined();
  });

  it('announces a moved promise once per version to customer and sales and puts the order at risk', async () => {
    const w = world();
    const { orderId } = await receiveInquiry(w.deps, inquiry, { createdBy: 'erp' });
    const move = {
      version: 2,
      previousDate: '2027-03-20',
      newDate: '2027-03-24',
      cause: [],
      reason: 'DELAY_REPORTED',
    };
    await announcePromiseMoved(w.deps, { orderId, customerId: 'c-1' }, move);
    const order = await w.orders.getOrder(orderId);
    expect(order).toMatchObject({ promisedDate: '2027-03-24', promiseVersion: 2, atRisk: true });
    expect(w.notices.map((notice) => [notice.kind, notice.occurrence, Boolean(notice.critical)])).toEqual([
      ['PROMISE_CHANGED', 'v2', true],
      ['ORDER_AT_RISK', 'v2', false],
    ]);
    const { orders: atRisk } = await w.orders.listOrders({ atRisk: true, limit: 10 });
    expect(atRisk.map((listed) => listed.orderId)).toEqual([orderId]);
  });

  it('shows sales the order view from the repository port, without the idempotency hash', async () => {
    const w = world();
    const { orderId } = await receiveInquiry(w.deps, inquiry, { createdBy: 'erp' });
    await w.orders.appendTimeline(orderId, {
      at: '2027-03-01T09:05:00Z',
      kind: 'SALES_NOTE',
      summary: 'internal',
    });
    const view = await salesOrderView(orderId, w.orders);
    expect(view.timeline.map((entry) => entry.kind)).toEqual(['INQUIRY_RECEIVED', 'SALES_NOTE']);
    expect(view).not.toHaveProperty('requestHash');
  });

  describe('while the order moves on to a continued execution', () => {
    /**
     * The race: the use case reads the order (naming execution 1), then execution 1 runs its
     * ContinueAsNew step (names and starts execution 2, then ends) before the use case asks
     * whether execution 1 runs.
     */
    async function continuingOrder() {
      const w = world();
      const { orderId } = await receiveInquiry(w.deps, inquiry, { createdBy: 'erp' });
      for (const to of ['QUOTED', 'ORDER_CONFIRMED', 'MATERIAL_PREP', 'IN_PRODUCTION'] as const)
        await w.orders.transitionOrder(orderId, { to, at: '2027-03-01T09:01:00Z', summary: to });
      const first = orderId;
      let continued = false;
      const deps: OrderDeps = {
        ...w.deps,
        workflow: {
          ...w.deps.workflow,
          state: async (name) => {
            if (name === first && !continued) {
              continued = true;
              const next = { event: 'PRODUCTION_COMPLETED', deadlineSeconds: 86_400 };
              await continueAsNew(w.deps, {
                orderId,
                executionName: first,
                settings: {},
                counters: {},
                next,
              });
              w.executions.set(first, 'SUCCEEDED');
            }
            return w.deps.workflow.state(name);
          },
        },
      };
      return { w, deps, orderId };
    }

    it('keeps an ERP event for the new execution instead of flagging the order', async () => {
      const { w, deps, orderId } = await continuingOrder();
      const result = await receiveErpEvent(deps, {
        eventId: 'e-2',
        orderId,
        type: 'PRODUCTION_COMPLETED',
        occurredAt: '2027-03-02T08:00:00Z',
        data: {},
      });
      expect(result).toEqual({ eventId: 'e-2', duplicate: false, applied: 'recorded' });
      const order = await w.orders.getOrder(orderId);
      expect(order?.status).toBe('IN_PRODUCTION');
      expect(order?.executionName).toBe(`${orderId}--c2`);
      expect(w.notices.map((notice) => notice.kind)).not.toContain('NEEDS_ATTENTION');
      // The new execution's wait finds the event and moves on at once.
      const wait = await awaitCallback(deps, { orderId, stage: 'PRODUCTION_COMPLETED', taskToken: 't-c2' });
      expect(wait).toEqual({ registered: true, settled: 'early-event' });
      expect(w.resumed).toEqual([
        { taskToken: 't-c2', output: { event: 'PRODUCTION_COMPLETED', eventId: 'e-2', early: true } },
      ]);
    });

    it('lets a cancellation reach the new execution instead of cancelling behind its back', async () => {
      const { w, deps, orderId } = await continuingOrder();
      const result = await cancelOrder(deps, orderId, 'customer withdrew');
      // The running execution 2 is told at its next wait, which fails itself and cancels.
      expect(result.status).toBe('IN_PRODUCTION');
      expect((await w.orders.getOrder(orderId))?.cancelRequested).toBe(true);
      expect(w.notices.map((notice) => notice.kind)).not.toContain('NEEDS_ATTENTION');
    });
  });
});
