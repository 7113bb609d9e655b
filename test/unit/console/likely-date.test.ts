import { describe, expect, it } from 'vitest';
import { likelyBeside } from '../../../functions/domain/promise/likely-date.ts';
import type { Calendar } from '../../../functions/domain/promise/types.ts';
import type { Board, BoardRow } from '../../../functions/usecases/order/console-board.ts';
import type { ConsoleOrderModel } from '../../../functions/usecases/order/console-order.ts';
import { renderBoard } from '../../../functions/web/console/board.ts';
import { renderConsoleOrder } from '../../../functions/web/console/order.ts';

/** Sales see the likely date beside each promise, and on the order page the margin the promise keeps. */
const weekdays: Calendar = { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] };

describe('the margin a promise keeps over its likely date', () => {
  it('counts working days after the likely date up to the promise, skipping the weekend', () => {
    // Friday 4 December to Wednesday 9 December: Monday, Tuesday and Wednesday.
    expect(likelyBeside({ date: '2026-12-09', likelyDate: '2026-12-04' }, weekdays)).toEqual({
      date: '2026-12-04',
      marginDays: 3,
    });
  });

  it('leaves the shipping calendar’s holidays out', () => {
    const calendar = { ...weekdays, holidays: ['2026-12-08'] };
    expect(likelyBeside({ date: '2026-12-09', likelyDate: '2026-12-04' }, calendar)?.marginDays).toBe(2);
  });

  it('is nothing without a likely date, or with one that is not earlier than the promise', () => {
    expect(likelyBeside({ date: '2026-12-09' }, weekdays)).toBeUndefined();
    expect(likelyBeside({ date: '2026-12-09', likelyDate: '2026-12-09' }, weekdays)).toBeUndefined();
    expect(likelyBeside({ date: '2026-12-09', likelyDate: '2026-12-11' }, weekdays)).toBeUndefined();
  });
});

const model = (likely?: ConsoleOrderModel['likely']): ConsoleOrderModel => ({
  orderId: 'ord-likely',
  status: 'ORDER_CONFIRMED',
  customer: { id: 'acme', name: 'Acme', tier: 'B', region: 'EU' },
  lines: [{ sku: 'PUMP-100', quantity: 2 }],
  total: 0,
  currency: 'EUR',
  promise: {
    version: 1,
    date: '2026-12-09',
    ...(likely ? { likelyDate: likely.date } : {}),
    result: {
      date: '2026-12-09',
      lines: [],
      basis: [],
      usedCtp: false,
      dependsOn: { skus: [], workCenters: [] },
      computedAt: '2026-12-01T08:00:00.000Z',
    },
  },
  ...(likely ? { likely } : {}),
  basis: [],
  history: [],
  atRisk: false,
  atRiskReasons: [],
  timeline: [],
  notifications: [],
  actions: [],
});
const renderOrder = (input: ConsoleOrderModel, locale: 'en' | 'zh-CN') =>
  renderConsoleOrder(input, {
    locale,
    now: new Date('2026-12-02T08:00:00Z'),
    formTokens: {},
    logoutToken: 't',
    timeZone: 'Europe/Berlin',
  });
const promiseSection = (html: string) =>
  /<section aria-labelledby="promise">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';

describe('the console order page', () => {
  it('shows the likely date and the working days of margin under the promise, in English', () => {
    const section = promiseSection(renderOrder(model({ date: '2026-12-04', marginDays: 3 }), 'en'));
    expect(section).toContain('<p class="date">Wednesday, 9 December 2026</p>');
    expect(section).toContain('Most likely Friday, 4 December 2026 · 3 working days of margin');
    expect(section).toContain('the likely date is the plan without it');
  });

  it('and in Simplified Chinese', () => {
    const section = promiseSection(renderOrder(model({ date: '2026-12-04', marginDays: 3 }), 'zh-CN'));
    expect(section).toContain('最可能 2026年12月4日星期五 · 余量 3 个工作日');
  });

  it('says one working day, and less than one, in words', () => {
    expect(promiseSection(renderOrder(model({ date: '2026-12-08', marginDays: 1 }), 'en'))).toContain(
      '1 working day of margin',
    );
    expect(promiseSection(renderOrder(model({ date: '2026-12-05', marginDays: 0 }), 'en'))).toContain(
      'less than one working day of margin',
    );
  });

  it('shows nothing of it when the promise has no likely date', () => {
    const section = promiseSection(renderOrder(model(), 'en'));
    expect(section).toContain('<p class="date">Wednesday, 9 December 2026</p>');
    expect(section).not.toMatch(/Most likely|margin/);
  });
});

describe('the board', () => {
  const row: BoardRow = {
    orderId: 'ord-likely',
    customerId: 'acme',
    status: 'ORDER_CONFIRMED',
    urgency: 'none',
    atRiskReasons: [],
    promisedDate: '2026-12-09',
    likelyDate: '2026-12-04',
    daysLate: 0,
    skus: ['PUMP-100'],
    createdAt: '2026-12-01T08:00:00.000Z',
  };
  const { likelyDate: _none, ...plain } = row;
  const board: Board = { urgent: [], rows: [row, { ...plain, orderId: 'ord-plain' }] };
  const promisedCell = (html: string, orderId: string) =>
    new RegExp(`<tr data-order="${orderId}">(?:\\s*<td>[\\s\\S]*?</td>){4}\\s*<td>([\\s\\S]*?)</td>`).exec(
      html,
    )?.[1];
  const render = (locale: 'en' | 'zh-CN') =>
    renderBoard(board, {}, { locale, logoutToken: 't', now: new Date('2026-12-02T08:00:00Z') });

  it('puts the likely date on a small second line under the promised date', () => {
    expect(promisedCell(render('en'), 'ord-likely')).toBe(
      '9 Dec 2026<br><small class="muted">likely 4 Dec 2026</small>',
    );
    expect(promisedCell(render('zh-CN'), 'ord-likely')).toBe(
      '2026年12月9日<br><small class="muted">可能 2026年12月4日</small>',
    );
  });

  it('leaves the cell to the promised date when there is no likely date', () => {
    expect(promisedCell(render('en'), 'ord-plain')).toBe('9 Dec 2026');
  });
});
