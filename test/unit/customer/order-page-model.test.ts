import { describe, expect, it } from 'vitest';
import {
  buildOrderPage,
  customerHistory,
  linkStillWorks,
  type OrderPageFacts,
} from '../../../functions/domain/customer/order-page.ts';
import { customerCause } from '../../../functions/domain/customer/cause.ts';

const now = new Date('2026-12-02T10:00:00Z');
const base: OrderPageFacts = {
  order: {
    orderId: 'ord_1',
    status: 'QUOTED',
    lines: [
      { sku: 'VALVE-10', quantity: 20 },
      { sku: 'PUMP-100', quantity: 2 },
    ],
    promisedDate: '2026-12-10',
    promiseVersion: 1,
    quoteValidUntil: '2026-12-09T10:00:00Z',
    completedStages: [],
  },
  timeline: [],
  products: new Map([
    ['VALVE-10', { name: 'Ball valve DN10', unitPrice: 120 }],
    ['PUMP-100', { name: 'Centrifugal pump P100', unitPrice: 1800 }],
  ]),
  customer: {
    locale: 'en',
    timeZone: 'Europe/Berlin',
    salesOwner: { name: 'Sam Sales', email: 'sam@plant.example' },
    contacts: [{ id: 'buyer', name: 'Ada' }],
  },
  currency: 'EUR',
  now,
};
const withOrder = (order: Partial<OrderPageFacts['order']>): OrderPageFacts => ({
  ...base,
  order: { ...base.order, ...order },
});

describe('the order page model', () => {
  it('prices every line with its product name and totals the quote', () => {
    const model = buildOrderPage(base);
    expect(model.lines.map((line) => [line.name, line.amount])).toEqual([
      ['Ball valve DN10', 2400],
      ['Centrifugal pump P100', 3600],
    ]);
    expect(model.total).toBe(6000);
  });

  it('offers the new quote after a re-quote although the old version was decided', () => {
    const model = buildOrderPage(withOrder({ promiseVersion: 2, decision: 'accept', decisionForVersion: 1 }));
    expect(model.quote).toEqual({ state: 'open', validUntil: '2026-12-09T10:00:00Z', requoted: true });
  });

  it('shows a decision on the current version as made, so a second click acts on nothing', () => {
    const model = buildOrderPage(withOrder({ decision: 'reject', decisionForVersion: 1 }));
    expect(model.quote).toEqual({ state: 'decided', decision: 'reject' });
  });

  it('treats a quote past its validity as expired before the workflow notices', () => {
    const model = buildOrderPage(withOrder({ quoteValidUntil: '2026-12-01T00:00:00Z' }));
    expect(model.quote).toMatchObject({ state: 'expired', newQuoteAsked: false });
  });

  it('remembers that a new quote was asked for this version', () => {
    const model = buildOrderPage(withOrder({ status: 'QUOTE_EXPIRED', requoteRequestedForVersion: 1 }));
    expect(model.quote).toMatchObject({ state: 'expired', newQuoteAsked: true });
  });

  it('offers no decision on a quote that waits for our people, and says who will be in touch', () => {
    const model = buildOrderPage(
      withOrder({ status: 'NEEDS_ATTENTION', needsAttention: { previousStatus: 'QUOTED' } }),
    );
    expect(model.status).toBe('QUOTED');
    expect(model.quote).toEqual({ state: 'reviewing' });
  });

  it('marks stages done up to the last reported one and the next as current', () => {
    const model = buildOrderPage(
      withOrder({ status: 'IN_PRODUCTION', completedStages: ['MATERIALS_READY', 'PRODUCTION_STARTED'] }),
    );
    expect(model.stages.map((stage) => `${stage.stage}:${stage.state}`)).toEqual([
      'QUOTE:done',
      'CONFIRMED:done',
      'MATERIALS_READY:done',
      'PRODUCTION_STARTED:done',
      'PRODUCTION_COMPLETED:current',
      'SHIPPED:next',
      'DELIVERED:next',
    ]);
  });

  it('makes a cancelled order read-only with no quote to act on', () => {
    const model = buildOrderPage(withOrder({ status: 'CANCELLED' }));
    expect(model.readOnly).toBe(true);
    expect(model.quote).toBeUndefined();
  });

  it('shows split deliveries only when the promise has more than one shipment', () => {
    const promise = {
      version: 1,
      date: '2026-12-20',
      shipments: [
        { quantity: 10, date: '2026-12-05' },
        { quantity: 12, date: '2026-12-20' },
      ],
    };
    expect(buildOrderPage({ ...base, promise }).deliveries).toHaveLength(2);
    expect(
      buildOrderPage({ ...base, promise: { ...promise, shipments: [{ quantity: 22, date: '2026-12-20' }] } })
        .deliveries,
    ).toEqual([]);
  });

  it('shows a slip with the old date and the customer note, never the ERP reason', () => {
    const model = buildOrderPage({
      ...withOrder({ status: 'MATERIAL_PREP' }),
      promise: {
        version: 2,
        date: '2026-12-23',
        previousDate: '2026-12-10',
        cause: [
          {
            kind: 'reported-delay',
            stage: 'MATERIALS_READY',
            reason: 'Paint line breakdown',
            date: '2026-12-20',
            customerNote: 'A repair takes a week',
          },
        ],
      },
    });
    expect(model.slip).toEqual({
      previousDate: '2026-12-10',
      newDate: '2026-12-23',
      cause: { note: 'A repair takes a week', categories: ['material'] },
    });
    expect(JSON.stringify(model)).not.toContain('Paint line');
  });
});

describe('customer-safe history', () => {
  it('lists events newest first as message keys, leaving out sales-only entries and summaries', () => {
    const history = customerHistory([
      { at: '2026-12-01T08:00:00Z', kind: 'INQUIRY_RECEIVED' },
      {
        at: '2026-12-01T08:01:00Z',
        kind: 'STATUS_AWAITING_SALES_CONFIRMATION#v1',
        status: 'AWAITING_SALES_CONFIRMATION',
      },
      { at: '2026-12-01T08:02:00Z', kind: 'SALES_CONFIRM' },
      { at: '2026-12-01T08:03:00Z', kind: 'STATUS_QUOTED#v1', status: 'QUOTED' },
      {
        at: '2026-12-01T09:00:00Z',
        kind: 'ERP_DELAY_REPORTED#e1',
        data: { stage: 'PRODUCTION_STARTED', reason: 'Paint line breakdown' },
      },
      { at: '2026-12-01T08:30:00Z', kind: 'OVERDUE#MATERIALS_READY#1' },
    ]);
    expect(history).toEqual([
      { at: '2026-12-01T09:00:00Z', key: 'history_DELAY', cause: { categories: ['capacity'] } },
      { at: '2026-12-01T08:03:00Z', key: 'history_QUOTED' },
      { at: '2026-12-01T08:00:00Z', key: 'history_INQUIRY_RECEIVED' },
    ]);
  });
});

describe('customer causes', () => {
  it('names categories for supply causes and never SKUs, purchase orders or work centers', () => {
    const cause = customerCause([
      { kind: 'awaiting-receipt', sku: 'MOTOR-5', shortQuantity: 3, ref: 'PO-7', date: '2026-12-05' },
      { kind: 'capacity', workCenter: 'ASSEMBLY', fullUntil: '2026-12-08', date: '2026-12-08' },
    ] as never);
    expect(cause).toEqual({ categories: ['material', 'capacity'] });
  });

  it('uses the category the ERP gave for a delay without a note', () => {
    expect(
      customerCause([
        { kind: 'reported-delay', stage: 'SHIPPED', reason: 'x', date: '2026-12-05', category: 'quality' },
      ]),
    ).toEqual({
      categories: ['quality'],
    });
  });
});

describe('tracking link lifetime', () => {
  const ended = { status: 'DELIVERED' as const, endedAt: '2026-01-01T00:00:00Z', days: 90 };
  it('works while the order runs, however old', () => {
    expect(linkStillWorks({ status: 'IN_PRODUCTION', now, days: 90 })).toBe(true);
  });
  it('works until the set number of days after the order ended, and not after', () => {
    expect(linkStillWorks({ ...ended, now: new Date('2026-03-31T00:00:00Z') })).toBe(true);
    expect(linkStillWorks({ ...ended, now: new Date('2026-04-02T00:00:00Z') })).toBe(false);
  });
  it('gives a fresh link its own lifetime from when it was sent', () => {
    expect(linkStillWorks({ ...ended, issuedAt: '2026-11-01T00:00:00Z', now })).toBe(true);
  });
});
