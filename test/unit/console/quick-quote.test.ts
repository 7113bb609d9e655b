import { describe, expect, it } from 'vitest';
import type { PromiseRequest, PromiseResult } from '../../../functions/domain/promise/types.ts';
import {
  NotFoundError,
  UnprocessableContentError,
  ValidationError,
} from '../../../functions/shared/errors.ts';
import { quickQuote, type QuickQuoteDeps } from '../../../functions/usecases/order/quick-quote.ts';
import {
  asFormError,
  inquiryFrom,
  quoteFormValues,
} from '../../../functions/handlers/api/routes/console/quote-form.ts';
import { memoryOrderWorld } from '../../support/memory/order-deps.ts';
import { renderQuickQuote } from '../../../functions/web/console/quote.ts';

const customer = { customerId: 'acme', tier: 'B' as const, region: 'EU', acceptsSplitDelivery: true };

/** The engine's answer for two lines: the pump, made to order, sets the date. */
const engineResult: PromiseResult = {
  date: '2027-03-20',
  lines: [
    {
      sku: 'VALVE-10',
      quantity: 20,
      date: '2027-03-04',
      method: 'ATP',
      basis: [],
      stockToReserve: [{ sku: 'VALVE-10', quantity: 20, date: '2027-03-02' }],
      capacityToReserve: [],
    },
    {
      sku: 'PUMP-100',
      quantity: 2,
      date: '2027-03-20',
      method: 'CTP',
      splitOffer: [
        { quantity: 1, date: '2027-03-10' },
        { quantity: 1, date: '2027-03-20' },
      ],
      basis: [],
      stockToReserve: [],
      capacityToReserve: [{ workCenter: 'WC-ASSY', date: '2027-03-15', hours: 6 }],
    },
  ],
  basis: [
    { kind: 'purchase-lead-time', sku: 'HOUSING', leadTimeDays: 7, date: '2027-03-12' },
    { kind: 'capacity', workCenter: 'WC-ASSY', fullUntil: '2027-03-14', date: '2027-03-16' },
    { kind: 'transit', region: 'EU', businessDays: 2, date: '2027-03-20' },
  ],
  usedCtp: true,
  dependsOn: { skus: ['VALVE-10', 'PUMP-100'], workCenters: ['WC-ASSY'] },
  computedAt: '2027-03-01T09:00:00.000Z',
};

/** The promise under the plant's policy: the engine's date, or a buffer over it. */
type PolicyPromise = { date: string; likelyDate?: string; bufferDays?: number };

function quoteWorld(promise: PolicyPromise = { date: engineResult.date }) {
  const world = memoryOrderWorld({
    now: '2027-03-01T09:00:00Z',
    customers: [customer],
    skus: ['VALVE-10', 'PUMP-100'],
  });
  const asked: { request: PromiseRequest; tier: string }[] = [];
  const deps: QuickQuoteDeps = {
    now: world.deps.now,
    customers: world.deps.customers,
    products: world.deps.products,
    catalogue: async (skus) =>
      new Map(
        skus.map((sku) => [
          sku,
          { name: sku === 'PUMP-100' ? 'Pump' : 'Valve', unitPrice: sku === 'PUMP-100' ? 1200 : 45 },
        ]),
      ),
    checkQuote: async (request, _now, tier) => {
      asked.push({ request, tier });
      return { result: engineResult, promise };
    },
    currency: 'EUR',
  };
  return { world, deps, asked };
}

const input = {
  customerId: 'acme',
  lines: [
    { sku: 'VALVE-10', quantity: 20 },
    { sku: 'PUMP-100', quantity: 2 },
  ],
  requestedDate: '2027-03-15',
};

describe('quick quote (what-if)', () => {
  it("asks the engine for the customer's region and split preference, and prices the lines, storing nothing", async () => {
    const { world, deps, asked } = quoteWorld();

    const quote = await quickQuote(deps, input);

    expect(asked).toEqual([
      {
        request: {
          region: 'EU',
          acceptsSplitDelivery: true,
          lines: input.lines,
          requestedDate: '2027-03-15',
        },
        tier: 'B',
      },
    ]);
    expect(quote).toMatchObject({
      date: '2027-03-20',
      requestedDate: '2027-03-15',
      total: 20 * 45 + 2 * 1200,
    });
    expect(quote.lines[1]).toMatchObject({ sku: 'PUMP-100', name: 'Pump', value: 2400, method: 'CTP' });
    expect(quote.lines[1]?.splitOffer).toHaveLength(2);
    expect(world.orders.allOrders()).toEqual([]);
    expect(world.started).toEqual([]);
  });

  it('marks the latest constraint as binding: work center capacity here, not the earlier purchase', async () => {
    const { deps } = quoteWorld();

    const quote = await quickQuote(deps, input);

    expect(quote.basis[quote.binding ?? -1]).toMatchObject({ kind: 'capacity', workCenter: 'WC-ASSY' });
  });

  it("shows the date the plant's policy would promise, with the engine's date as the likely one", async () => {
    const { deps } = quoteWorld({ date: '2027-03-25', likelyDate: '2027-03-20', bufferDays: 3 });

    const quote = await quickQuote(deps, input);
    const page = renderQuickQuote({
      locale: 'en',
      now: new Date('2027-03-01T09:00:00Z'),
      logoutToken: 'logout-token',
      form: quoteFormValues((name) => ({ customerId: 'acme', sku1: 'VALVE-10', qty1: '20' })[name]),
      quote: { result: quote, key: 'k'.repeat(24), token: 'create-token' },
    });

    expect(quote).toMatchObject({ date: '2027-03-25', likely: { date: '2027-03-20', marginDays: 3 } });
    expect(page).toContain('Thursday, 25 March 2027');
    expect(page).toContain('Most likely Saturday, 20 March 2027 · 3 working days of margin');
  });

  it('refuses an unknown customer or SKU as an inquiry would, before asking the engine', async () => {
    const { deps, asked } = quoteWorld();

    await expect(quickQuote(deps, { ...input, customerId: 'nobody' })).rejects.toThrow(NotFoundError);
    const unknownSku = { ...input, lines: [{ sku: 'NOPE-1', quantity: 1 }] };
    await expect(quickQuote(deps, unknownSku)).rejects.toThrow(ValidationError);
    expect(asked).toEqual([]);
  });
});

describe('the quick-quote form', () => {
  const fields = (values: Record<string, string>) => (name: string) => values[name];

  it('keeps row numbers as typed and shows at least five rows, one more after "add line"', () => {
    const form = quoteFormValues(fields({ customerId: 'acme', sku3: 'VALVE-10', qty3: '4' }), true);

    expect(form.rows).toHaveLength(6);
    expect(form.rows[2]).toEqual({ sku: 'VALVE-10', quantity: '4' });
    expect(inquiryFrom(form, 'en')).toEqual({
      input: { customerId: 'acme', lines: [{ sku: 'VALVE-10', quantity: 4 }] },
      rowOfLine: [3],
    });
  });

  it('names a zero quantity by its row on the form, in the page language', () => {
    const form = quoteFormValues(
      fields({ customerId: 'acme', sku1: 'VALVE-10', qty1: '1', sku2: 'X', qty2: '0' }),
    );

    const error = (() => {
      try {
        return inquiryFrom(form, 'zh-CN');
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['第 2 行 · 数量']);
  });

  it("turns the use case's unknown customer into a 422 naming the form's customer field", () => {
    const error = asFormError(
      new NotFoundError('Unknown customer nobody', { field: 'customerId' }),
      [1],
      'en',
    ) as UnprocessableContentError;

    expect(error).toBeInstanceOf(UnprocessableContentError);
    expect(error.status).toBe(422);
    expect(error.issues).toEqual([{ path: 'Customer id', message: 'Unknown customer nobody' }]);
  });

  it('names an unknown SKU by the row it was typed in, not by its index among the filled lines', () => {
    const error = asFormError(
      new ValidationError('Unknown SKU: X', [{ path: 'lines.1.sku', message: 'unknown SKU X' }]),
      [1, 4],
      'en',
    ) as ValidationError;

    expect(error.issues).toEqual([{ path: 'Line 4 · SKU', message: 'unknown SKU X' }]);
  });
});

describe('the quick-quote page', () => {
  const form = quoteFormValues(
    (name) => ({ customerId: 'acme', sku1: 'VALVE-10', qty1: '20', sku2: 'PUMP-100', qty2: '2' })[name],
  );
  const page = async (locale: 'en' | 'zh-CN') => {
    const { deps } = quoteWorld();
    return renderQuickQuote({
      locale,
      now: new Date('2027-03-01T09:00:00Z'),
      logoutToken: 'logout-token',
      form,
      quote: { result: await quickQuote(deps, input), key: 'k'.repeat(24), token: 'create-token' },
    });
  };

  it('shows split offers as numbered deliveries and the binding constraint in bold', async () => {
    const html = await page('en');

    expect(html).toContain('Delivery 1 of 2: 1 on 10 Mar 2027');
    expect(html).toMatch(/<li class="binding">work center WC-ASSY full until 14 Mar 2027/);
    expect(html).toContain('Requested 15 Mar 2027: not met');
  });

  it('carries exactly the quoted lines, the key and the token in the create form', async () => {
    const html = await page('zh-CN');
    const create =
      /<form method="post" action="\/console\/quote\?lang=zh-CN">([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';

    expect(create).toContain('name="sku2" value="PUMP-100"');
    expect(create).toContain('name="qty2" value="2"');
    expect(create).toContain(`name="key" value="${'k'.repeat(24)}"`);
    expect(create).toContain('name="csrf" value="create-token"');
    expect(create).toContain('创建询价');
  });
});
