import { describe, expect, it } from 'vitest';
import { computePromise, projectFromStageEvent } from '../../../functions/domain/promise/index.ts';
import { MONDAY_MORNING, plant, request, snapshot, stockItem, workCenter } from './support.ts';

const context = { plant: plant(), transitDays: 2, region: 'EU' };

describe('projection from stage events', () => {
  it('adds transit business days to a delayed production end', () => {
    // Production now ends Friday 4 Dec; 2 business days of transit -> Tuesday 8 Dec.
    const projected = projectFromStageEvent(
      {
        type: 'DELAY_REPORTED',
        data: { stage: 'PRODUCTION_COMPLETED', newEstimatedDate: '2026-12-04', reason: 'Machine breakdown' },
      },
      context,
    );
    expect(projected).toEqual({
      date: '2026-12-08',
      basis: [
        {
          kind: 'reported-delay',
          stage: 'PRODUCTION_COMPLETED',
          reason: 'Machine breakdown',
          date: '2026-12-04',
        },
        { kind: 'transit', region: 'EU', businessDays: 2, date: '2026-12-08' },
      ],
    });
  });

  it("keeps the plan's remaining production days after a late material delivery", () => {
    // Plan: material ready Mon 23 Nov, 12 h on an 8 h/day work center -> production ends Tue 24 Nov
    // (one working day after material). Materials now come Thu 3 Dec: production ends Fri 4 Dec,
    // then 2 business days of transit -> Tue 8 Dec.
    const plan = computePromise(
      request([{ sku: 'PUMP', quantity: 10 }]),
      snapshot({
        products: [
          stockItem('PUMP', {
            kind: 'make',
            bom: [{ sku: 'HOUSING', quantityPer: 1 }],
            routing: [{ workCenter: 'ASSY', hoursPerUnit: 1, setupHours: 2 }],
          }),
          stockItem('HOUSING'),
        ],
        onHand: { HOUSING: 10 },
        workCenters: [workCenter('ASSY', 8)],
      }),
      MONDAY_MORNING,
    );
    expect(plan.basis).toContainEqual({
      kind: 'production-complete',
      sku: 'PUMP',
      date: '2026-11-24',
      workCenter: 'ASSY',
      productionDays: 2,
    });
    const projected = projectFromStageEvent(
      {
        type: 'DELAY_REPORTED',
        data: { stage: 'MATERIALS_READY', newEstimatedDate: '2026-12-03', reason: 'Supplier late' },
      },
      { ...context, plan },
    );
    expect(projected?.date).toBe('2026-12-08');
    expect(projected?.basis).toContainEqual({
      kind: 'production-complete',
      sku: 'PUMP',
      date: '2026-12-04',
    });
  });

  it("takes the carrier's estimate as the delivery date once shipped", () => {
    const projected = projectFromStageEvent(
      { type: 'SHIPPED', data: { carrier: 'DHL', estimatedDelivery: '2026-12-02' } },
      context,
    );
    expect(projected).toEqual({
      date: '2026-12-02',
      basis: [{ kind: 'carrier-estimate', carrier: 'DHL', date: '2026-12-02' }],
    });
  });

  it('says nothing for an event without a date', () => {
    expect(projectFromStageEvent({ type: 'PRODUCTION_STARTED', data: {} }, context)).toBeUndefined();
    expect(projectFromStageEvent({ type: 'SHIPPED', data: { carrier: 'DHL' } }, context)).toBeUndefined();
  });
});
