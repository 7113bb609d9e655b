import { describe, expect, it } from 'vitest';
import { UnprocessableContentError } from '../../../functions/shared/errors.ts';
import { guardAdjustment, plantToday } from '../../../functions/usecases/order/adjust-guard.ts';
import type { Board, BoardRow } from '../../../functions/usecases/order/console-board.ts';
import { renderBoard } from '../../../functions/web/console/board.ts';
import { timelineWords } from '../../../functions/web/console/timeline.ts';
import { moveReasonWords, readableReasons } from '../../../functions/web/console/reasons.ts';
import { ctIfKnown } from '../../../functions/web/console/messages.ts';
import { CUSTOMER_KINDS, SALES_KINDS } from '../../../functions/domain/notify/kinds.ts';

const row: BoardRow = {
  orderId: 'ord-1',
  customerId: 'acme',
  status: 'IN_PRODUCTION',
  urgency: 'risk',
  atRiskReasons: ['promise moved to 2027-01-13 (DELAY_REPORTED)'],
  daysLate: 3,
  skus: ['PUMP-100'],
  createdAt: '2026-12-01T08:00:00.000Z',
};
const board: Board = {
  urgent: [row],
  rows: [
    {
      ...row,
      status: 'AWAITING_SALES_CONFIRMATION',
      urgency: 'await',
      escalatesAt: '2026-12-02T12:00:00.000Z',
    },
  ],
};
const render = (locale: 'en' | 'zh-CN') =>
  renderBoard(board, {}, { locale, logoutToken: 't', now: new Date('2026-12-02T08:00:00Z') });

describe('the board and timeline in the reader’s words', () => {
  it('shows statuses as words in English and in Chinese, never the API codes', () => {
    const en = render('en');
    const zh = render('zh-CN');
    expect(en).toContain('<td>in production</td>');
    expect(en).toContain('<td>awaiting confirmation</td>');
    expect(zh).toContain('<td>生产中</td>');
    expect(zh).toContain('<td>等待确认</td>');
    expect(`${en}${zh}`).not.toMatch(/<td>(IN_PRODUCTION|AWAITING_SALES_CONFIRMATION)<\/td>/);
    expect(en).toContain('promise moved to 13 Jan 2027');
    expect(en).not.toContain('2027-01-13');
  });

  it('counts what needs sales above the list, in both languages, and says nothing when nothing does', () => {
    const counted = { ...board, urgentCounts: { attention: 1, risk: 3, await: 2 } };
    const at = (locale: 'en' | 'zh-CN', input: Board) =>
      renderBoard(input, {}, { locale, logoutToken: 't', now: new Date('2026-12-02T08:00:00Z') });
    expect(at('en', counted)).toContain('1 need attention · 3 at risk · 2 awaiting confirmation');
    expect(at('zh-CN', counted)).toContain('需要处理 1 个 · 有风险 3 个 · 等待确认 2 个');
    const none = { ...board, urgent: [], urgentCounts: { attention: 0, risk: 0, await: 0 } };
    expect(at('en', none)).not.toContain('id="needs-you-counts"');
    expect(at('en', none)).toContain('Nothing needs you right now.');
  });

  it('names what moved a promise in words, and keeps what sales typed as they typed it', () => {
    expect(render('en')).toContain('(delay reported by the plant)');
    expect(render('zh-CN')).toContain('(工厂报告延误)');
    expect(`${render('en')}${render('zh-CN')}`).not.toContain('DELAY_REPORTED');
    expect(moveReasonWords('sales override', 'zh-CN')).toBe('销售强制调整');
    expect(moveReasonWords('Customer moved the site visit', 'en')).toBe('Customer moved the site visit');
    expect(readableReasons('projected late (capacity) and (SHIPPED)', 'en')).toBe(
      'projected late (capacity) and (shipped)',
    );
  });

  it('names every message kind, channel and status the order page can list, in both languages', () => {
    for (const locale of ['en', 'zh-CN'] as const)
      for (const key of [
        ...[...CUSTOMER_KINDS, ...SALES_KINDS].map((kind) => `nk_${kind}`),
        ...['CLAIMED', 'HELD', 'SENT', 'FAILED', 'BOUNCED', 'SKIPPED'].map((status) => `ns_${status}`),
        'ch_email',
        'ch_sms',
      ])
        expect(ctIfKnown(locale, key, '(missing)'), `${locale} ${key}`).not.toBe('(missing)');
  });

  it('says timeline entries from their data, with dates in the plant’s zone instead of ISO', () => {
    const moved = {
      at: '2026-12-01T23:30:00.000Z',
      kind: 'PROMISE_V2',
      summary: 'Promise moved from 2027-01-05 to 2027-01-09',
      data: { version: 2, previousDate: '2027-01-05', newDate: '2027-01-09', reason: 'late steel' },
    };
    expect(timelineWords(moved, 'en', 'Europe/Berlin')).toBe(
      'Promise version 2: 5 Jan 2027 → 9 Jan 2027 (late steel)',
    );
    expect(
      timelineWords({ ...moved, data: { ...moved.data, reason: 'DELAY_REPORTED' } }, 'en', 'Europe/Berlin'),
    ).toBe('Promise version 2: 5 Jan 2027 → 9 Jan 2027 (delay reported by the plant)');
    const status = {
      at: moved.at,
      kind: 'STATUS_QUOTED#v1',
      status: 'QUOTED' as const,
      summary: 'Quote sent',
    };
    expect(timelineWords(status, 'zh-CN', 'Asia/Shanghai')).toBe('现在：已报价');
    const other = {
      at: moved.at,
      kind: 'OVERDUE#MATERIALS_READY#1',
      summary: 'Overdue since 2026-12-01T23:30:00.000Z',
    };
    const words = timelineWords(other, 'en', 'Asia/Shanghai');
    expect(words).not.toContain('2026-12-01T23:30');
    expect(words).toContain('2 December 2026');
  });
});

describe('the adjust guard’s today is the plant’s today', () => {
  const lateEveningUtc = new Date('2027-03-01T23:30:00Z');

  it('takes today from the plant’s time zone, not from UTC', () => {
    expect(plantToday(lateEveningUtc, 'Asia/Shanghai')).toBe('2027-03-02');
    expect(plantToday(lateEveningUtc, 'America/Los_Angeles')).toBe('2027-03-01');
  });

  it('refuses a date that is still today in UTC but already past at the plant, naming the field', async () => {
    const error = await guardAdjustment(
      'ord-x',
      { date: '2027-03-01', reason: 'customer call' },
      lateEveningUtc,
      'Asia/Shanghai',
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessableContentError);
    expect(JSON.stringify(error)).toContain('"path":"date"');
    expect(JSON.stringify(error)).toContain('2027-03-02');
  });
});
