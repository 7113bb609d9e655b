import { describe, expect, it } from 'vitest';
import type { VersionedPromise } from '../../../functions/domain/promise/types.ts';
import { confirmOrder } from '../../../functions/usecases/order/confirm-order.ts';
import { receiveInquiry } from '../../../functions/usecases/order/inquiry.ts';
import { applyStage } from '../../../functions/usecases/order/steps/apply-stage.ts';
import { memoryOrderWorld } from '../../support/memory/order-deps.ts';

/** The quote and the confirmation carry the likely date of the promise they announce (issue 14). */
const customer = { customerId: 'c-1', tier: 'B' as const, region: 'EU', acceptsSplitDelivery: false };
const promise = (version: number, likelyDate?: string): VersionedPromise => ({
  version,
  date: '2027-03-20',
  ...(likelyDate ? { likelyDate } : {}),
  result: {
    date: '2027-03-20',
    lines: [],
    basis: [],
    usedCtp: false,
    dependsOn: { skus: [], workCenters: [] },
    computedAt: '2027-03-01T09:00:00.000Z',
  },
});

async function quotedOrder(current: VersionedPromise | undefined, orderVersion = 1) {
  const w = memoryOrderWorld({
    now: '2027-03-01T09:00:00Z',
    customers: [customer],
    skus: ['PUMP-100'],
    promises: {
      current: async () => current,
      reserve: async () => ({ outcome: 'reserved', promise: current! }),
    },
  });
  const { orderId } = await receiveInquiry(
    w.deps,
    { customerId: 'c-1', lines: [{ sku: 'PUMP-100', quantity: 2 }] },
    { createdBy: 'erp' },
  );
  await w.orders.patchOrder(orderId, { promisedDate: '2027-03-20', promiseVersion: orderVersion });
  await applyStage(w.deps, { orderId, transition: 'QUOTED' });
  const quoteFacts = w.notices.find((notice) => notice.kind === 'QUOTE_READY')?.facts;
  return { w, orderId, quoteFacts };
}

describe('the likely date in the facts of the customer’s messages', () => {
  it('QUOTE_READY keeps the likely date of the version it quotes', async () => {
    const { quoteFacts } = await quotedOrder(promise(1, '2027-03-16'));
    expect(quoteFacts).toMatchObject({ likelyDate: '2027-03-16' });
  });

  it('QUOTE_READY has none when the promise has none', async () => {
    const { quoteFacts } = await quotedOrder(promise(1));
    expect(quoteFacts).toBeDefined();
    expect(quoteFacts).not.toHaveProperty('likelyDate');
  });

  it('QUOTE_READY has none when the stored promise is another version than the one quoted', async () => {
    const { quoteFacts } = await quotedOrder(promise(2, '2027-03-16'), 1);
    expect(quoteFacts).toBeDefined();
    expect(quoteFacts).not.toHaveProperty('likelyDate');
  });

  it('ORDER_CONFIRMED carries the likely date of the promise the reservation kept', async () => {
    const { w, orderId } = await quotedOrder(promise(1, '2027-03-16'));
    expect(await confirmOrder(w.deps, orderId)).toEqual({ outcome: 'CONFIRMED' });
    const confirmed = w.notices.find((notice) => notice.kind === 'ORDER_CONFIRMED');
    expect(confirmed?.facts).toMatchObject({ promisedDate: '2027-03-20', likelyDate: '2027-03-16' });
  });
});
