import { describe, expect, it } from 'vitest';
import { salesEscalationDeadline } from '../../../functions/domain/order/escalation.ts';
import { receiveInquiry } from '../../../functions/usecases/order/inquiry.ts';
import { awaitCallback } from '../../../functions/usecases/order/steps.ts';
import { memoryOrderWorld } from '../../support/memory/order-deps.ts';

const world = () =>
  memoryOrderWorld({
    now: '2027-03-01T09:00:00Z',
    customers: [{ customerId: 'c-1', tier: 'A', region: 'EU', acceptsSplitDelivery: false }],
    skus: ['PUMP-100'],
  });

describe('the sales escalation deadline the console counts down to', () => {
  it('is the start of the wait for sales plus SALES_ESCALATION_SECONDS, renewed by each new wait', async () => {
    const w = world();
    const { orderId } = await receiveInquiry(
      w.deps,
      { customerId: 'c-1', lines: [{ sku: 'PUMP-100', quantity: 2 }] },
      { createdBy: 'erp' },
    );
    await w.orders.transitionOrder(orderId, {
      to: 'AWAITING_SALES_CONFIRMATION',
      at: '2027-03-01T09:00:05Z',
      summary: 'needs sales',
    });
    // The order changes later (a note, a flag) without moving the deadline.
    w.setNow('2027-03-01T09:30:00Z');
    await awaitCallback(w.deps, { orderId, stage: 'SALES_CONFIRMATION', taskToken: 't-1' });
    await w.orders.patchOrder(orderId, { updatedAt: '2027-03-01T11:00:00Z' });
    const order = (await w.orders.getOrder(orderId))!;
    expect(salesEscalationDeadline(order, w.deps.settings.salesEscalationSeconds)).toBe(
      '2027-03-01T13:30:00.000Z',
    );

    // The wait timed out and escalated; the workflow waits again, with a new deadline.
    w.setNow('2027-03-01T13:30:02Z');
    await awaitCallback(w.deps, { orderId, stage: 'SALES_CONFIRMATION', taskToken: 't-2' });
    expect((await w.orders.getOrder(orderId))!.salesEscalatesAt).toBe('2027-03-01T17:30:02.000Z');
  });

  it('falls back to the last update for an order stored before the deadline was', () => {
    expect(salesEscalationDeadline({ updatedAt: '2027-03-01T09:00:00.000Z' }, 3600)).toBe(
      '2027-03-01T10:00:00.000Z',
    );
  });
});
