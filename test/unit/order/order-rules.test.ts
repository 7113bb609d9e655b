import { describe, expect, it } from 'vitest';
import { deliveryPunctuality, salesConfirmationReasons } from '../../../functions/domain/order/rules.ts';
import { nextStageEvent, STAGE_EVENTS } from '../../../functions/domain/order/stages.ts';
import { canTransition, isTerminal, ORDER_STATUSES } from '../../../functions/domain/order/status.ts';

const promise = (date: string, usedCtp = false, requestedDate?: string) => ({
  date,
  usedCtp,
  lines: [
    {
      sku: 'A',
      quantity: 1,
      date,
      method: 'ATP' as const,
      basis: [],
      stockToReserve: [],
      capacityToReserve: [],
      ...(requestedDate ? { requestedDate } : {}),
    },
  ],
});
const policy = { orderValueThreshold: 10_000 };

describe('when sales must confirm a promise', () => {
  it('needs no one for a tier B order on time, from stock, under the threshold', () => {
    expect(
      salesConfirmationReasons(
        { customerTier: 'B', orderValue: 500, requestedDate: '2026-12-10', promise: promise('2026-12-01') },
        policy,
      ),
    ).toEqual([]);
  });

  it('names every reason that applies', () => {
    const reasons = salesConfirmationReasons(
      {
        customerTier: 'A',
        orderValue: 20_000,
        requestedDate: '2026-12-01',
        promise: promise('2026-12-10', true),
      },
      policy,
    );
    expect(reasons).toEqual([
      'promise is later than the requested date',
      'capable-to-promise was needed',
      'order value is over the confirmation threshold',
      'tier A customer',
    ]);
  });

  it('counts a line promised after its own requested date as late', () => {
    expect(
      salesConfirmationReasons(
        { customerTier: 'C', orderValue: 1, promise: promise('2026-12-10', false, '2026-12-05') },
        policy,
      ),
    ).toEqual(['promise is later than the requested date']);
  });
});

describe('order statuses', () => {
  it('lets any open order be cancelled and no finished one', () => {
    for (const status of ORDER_STATUSES) expect(canTransition(status, 'CANCELLED')).toBe(!isTerminal(status));
  });

  it('never moves a finished order anywhere', () => {
    const terminal = ORDER_STATUSES.filter(isTerminal);
    for (const from of terminal) for (const to of ORDER_STATUSES) expect(canTransition(from, to)).toBe(false);
  });

  it('only confirms an order that was quoted', () => {
    expect(ORDER_STATUSES.filter((from) => canTransition(from, 'ORDER_CONFIRMED'))).toEqual(['QUOTED']);
  });
});

describe('stage sequence', () => {
  it('walks the ERP stages in plant order and ends after delivery', () => {
    const walked: string[] = [];
    for (let stage = nextStageEvent(undefined); stage; stage = nextStageEvent(stage)) walked.push(stage);
    expect(walked).toEqual([...STAGE_EVENTS]);
  });
});

describe('delivery punctuality against the first promise', () => {
  it('is on time on or before the promised day and counts days late after it', () => {
    expect(deliveryPunctuality('2026-12-10', '2026-12-10')).toEqual({ onTime: true, daysLate: 0 });
    expect(deliveryPunctuality('2026-12-10', '2026-12-08')).toEqual({ onTime: true, daysLate: 0 });
    expect(deliveryPunctuality('2026-12-10', '2026-12-13')).toEqual({ onTime: false, daysLate: 3 });
  });
});
