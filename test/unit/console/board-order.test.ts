import { describe, expect, it } from 'vitest';
import { byUrgency, type BoardRow } from '../../../functions/usecases/order/console-board.ts';
import { bindingConstraint } from '../../../functions/usecases/order/console-order.ts';
import { basisWords } from '../../../functions/web/console/order.ts';
import type { BasisEntry } from '../../../functions/domain/promise/types.ts';

const row = (orderId: string, fields: Partial<BoardRow>): BoardRow => ({
  orderId,
  customerId: 'c',
  status: 'IN_PRODUCTION',
  urgency: 'none',
  atRiskReasons: [],
  daysLate: 0,
  skus: [],
  createdAt: '2026-12-01T00:00:00Z',
  ...fields,
});

describe('the board order of urgency', () => {
  it('puts needs-attention first, then at risk by days late and tier, then awaiting by escalation, then the rest', () => {
    const rows = [
      row('rest', {}),
      row('await-late', { urgency: 'await', escalatesAt: '2026-12-02T12:00:00Z' }),
      row('risk-2-A', { urgency: 'risk', daysLate: 2, tier: 'A' }),
      row('attention', { urgency: 'attention' }),
      row('risk-2-C', { urgency: 'risk', daysLate: 2, tier: 'C' }),
      row('risk-9-C', { urgency: 'risk', daysLate: 9, tier: 'C' }),
      row('await-soon', { urgency: 'await', escalatesAt: '2026-12-02T08:00:00Z' }),
    ];
    expect(rows.sort(byUrgency).map((r) => r.orderId)).toEqual([
      'attention',
      'risk-9-C',
      'risk-2-A',
      'risk-2-C',
      'await-soon',
      'await-late',
      'rest',
    ]);
  });
});

describe('why this date', () => {
  const basis: BasisEntry[] = [
    { kind: 'awaiting-receipt', sku: 'STEEL', shortQuantity: 40, ref: 'PO-4711', date: '2026-12-09' },
    { kind: 'material-ready', sku: 'PUMP', date: '2026-12-09' },
    { kind: 'capacity', workCenter: 'WC-ASSY', fullUntil: '2026-12-11', date: '2026-12-14' },
    {
      kind: 'production-complete',
      sku: 'PUMP',
      date: '2026-12-14',
      workCenter: 'WC-ASSY',
      productionDays: 2,
    },
    { kind: 'transit', region: 'EU', businessDays: 2, date: '2026-12-16' },
  ];

  it('names the latest constraint as binding: here the full work center, not the earlier receipt', () => {
    expect(basis[bindingConstraint(basis)!]?.kind).toBe('capacity');
  });

  it('falls back to production when nothing held material or capacity back', () => {
    expect(bindingConstraint(basis.slice(3))).toBe(0);
  });

  it('says each constraint in words with its PO, work center and transit', () => {
    const words = basis.map((entry) => basisWords(entry, 'en'));
    expect(words[0]).toBe('waits for receipt PO-4711 (40 × STEEL) on 9 Dec 2026');
    expect(words[2]).toBe('work center WC-ASSY full until 11 Dec 2026: production on 14 Dec 2026');
    expect(words[3]).toBe(
      'production of PUMP complete 14 Dec 2026 (work center WC-ASSY, 2 production day(s))',
    );
    expect(words[4]).toBe('transit 2 business day(s) to EU: delivery 16 Dec 2026');
    expect(basisWords(basis[2]!, 'zh-CN')).toContain('工作中心 WC-ASSY');
  });
});
