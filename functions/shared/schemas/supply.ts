// The namespace import lets esbuild drop the parts of zod we do not use (its locales alone are ~360 KB).
import * as z from 'zod';
import { boundedDate, decimal, ianaTimeZone, LIMITS, longestClosure, UNPROCESSABLE } from './bounds.ts';
import { isWellFormedCursor } from './order.ts';

const isoDate = boundedDate;
const code = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'letters, digits and . _ : - only')
  .describe('1 to 64 letters, digits and . _ : -');
/** A SKU, work-center id or receipt reference: also the form of `{sku}` in the product path. */
export const skuCode = code;
const calendar = z
  .strictObject({
    workingWeekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    holidays: z.array(isoDate).max(400),
  })
  // The engine looks a year ahead for a working day; a calendar closed longer cannot give a date.
  .refine((value) => longestClosure(value) <= LIMITS.longestClosureDays, {
    message: `has no working day for more than ${LIMITS.longestClosureDays} days in a row`,
    path: ['holidays'],
    params: UNPROCESSABLE,
  })
  .describe(
    `Working weekdays (1 = Monday) and holidays; closed at most ${LIMITS.longestClosureDays} days in a row`,
  );
const hours = decimal(0, 24, 'hours');
const quantity = (min: number, what = 'quantity') => decimal(min, LIMITS.quantity, what);
/** A quantity that must be more than zero. */
const positiveQuantity = (what = 'quantity') => decimal(0, LIMITS.quantity, what, { aboveMin: true });

export const productSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['stock', 'make']),
  bom: z
    .array(z.strictObject({ sku: code, quantityPer: positiveQuantity('quantity per unit') }))
    .max(200)
    .default([]),
  routing: z
    .array(
      z.strictObject({
        workCenter: code,
        hoursPerUnit: decimal(0, LIMITS.hours, 'hours per unit'),
        setupHours: decimal(0, LIMITS.hours, 'setup hours').default(0),
      }),
    )
    .max(50)
    .default([]),
  purchaseLeadTimeDays: z.number().int().min(0).max(730).optional(),
  unitPrice: decimal(0, LIMITS.price, 'price'),
  lotMinimum: positiveQuantity('lot minimum').optional(),
  lotMultiple: positiveQuantity('lot multiple').optional(),
});

/** README "Promise policy": each bound is one the simulator was judged within. */
const promisePolicySchema = z
  .strictObject({
    confidence: z
      .number()
      .min(0.5)
      .max(0.999)
      .optional()
      .describe('Confidence the promise is met, from 0.5 to 0.999 (0.97: P97); absent: no buffer'),
    tierAProtectedShare: z
      .number()
      .min(0)
      .max(0.5)
      .optional()
      .describe(
        'Share of stock on hand, receipts and work-center hours kept for tier A customers, from 0 to 0.5',
      ),
    bookableHoursShare: z
      .number()
      .min(0.5)
      .max(1)
      .optional()
      .describe(
        "Share of each work center's hours that quotes and reservations may book, from 0.5 to 1 (default 1); the rest absorbs breakdowns and rework",
      ),
    earlyWarning: z
      .boolean()
      .optional()
      .describe('Warn the customer once a re-check has eaten more than half of the buffer'),
    minimumObservations: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('Observations of a kind of risk needed before it adds a buffer, from 1 to 1000 (default 30)'),
  })
  .describe('How dates are promised beyond the engine date; absent: the engine date, unbuffered');

export const supplySchema = z
  .strictObject({
    plant: z
      .strictObject({
        timeZone: ianaTimeZone,
        dailyCutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
        horizonDays: z.number().int().min(7).max(730),
        plantCalendar: calendar,
        shippingCalendar: calendar,
        supplierCalendar: calendar,
        promisePolicy: promisePolicySchema.optional(),
      })
      .optional(),
    stock: z
      .array(z.strictObject({ sku: code, onHand: quantity(0, 'units on hand') }))
      .max(1000)
      .optional(),
    receipts: z
      .array(z.strictObject({ sku: code, quantity: positiveQuantity(), date: isoDate, ref: code }))
      .max(1000)
      .optional(),
    removeReceipts: z
      .array(z.strictObject({ sku: code, date: isoDate, ref: code }))
      .max(1000)
      .optional(),
    workCenters: z
      .array(
        z.strictObject({
          id: code,
          hoursByWeekday: z
            .strictObject({ 1: hours, 2: hours, 3: hours, 4: hours, 5: hours, 6: hours, 7: hours })
            .partial(),
          exceptions: z.record(isoDate, hours).default({}),
        }),
      )
      .max(200)
      .optional(),
    transit: z
      .array(
        z.strictObject({
          region: z.string().regex(/^[A-Za-z0-9-]{1,20}$/),
          days: z.number().int().min(0).max(120),
        }),
      )
      .max(200)
      .optional(),
  })
  .refine((update) => Object.values(update).some((value) => value !== undefined), 'The update is empty');

export const promiseCheckSchema = z.strictObject({
  region: z.string().regex(/^[A-Za-z0-9-]{1,20}$/),
  lines: z
    .array(
      z.strictObject({
        sku: code,
        quantity: z.number().int().positive().max(1_000_000),
        requestedDate: isoDate.optional(),
      }),
    )
    .min(1)
    .max(50),
  acceptsSplitDelivery: z.boolean().default(false),
});

// ERP read routes (GET, signed over the request line): queries and answers.

const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('Items a page, 1 to 100 (default 25)'),
  cursor: z
    .string()
    .max(4096)
    .refine(
      isWellFormedCursor,
      'not a cursor from this API: pass `nextCursor` of the previous page unchanged',
    )
    .describe('`nextCursor` of the previous page of the same list, unchanged')
    .optional(),
};

export const erpPageQuerySchema = z.strictObject(pageQuery);

export const erpSupplyQuerySchema = z.strictObject({ sku: code.describe('The SKU whose supply to read') });

const nextCursor = z.string().nullable().describe('Cursor of the next page; null on the last page');

export const productListResponseSchema = z.object({
  products: z.array(productSchema.extend({ sku: code })),
  nextCursor,
});

const availabilityDay = z.object({
  date: z.string(),
  receipts: z.number().describe('Units scheduled to arrive that day'),
  held: z.number().describe('Units orders hold that day'),
  balance: z.number().describe('On hand + receipts - holds up to that day (negative: over-committed)'),
  atp: z.number().describe('Free to promise from that day on: the lowest balance from then on'),
});

export const skuSupplyResponseSchema = z.object({
  sku: code,
  onHand: z.number(),
  receipts: z.array(z.object({ date: z.string(), ref: z.string(), quantity: z.number() })),
  holds: z.array(z.object({ orderId: z.string(), date: z.string(), quantity: z.number() })),
  horizon: z.object({ from: z.string().describe("The plant's today"), days: z.number().int() }),
  atp: z.array(availabilityDay).describe('The first day of the horizon and each day the figures change'),
});

export const workCenterListResponseSchema = z.object({
  workCenters: z.array(
    z.object({
      id: code,
      hoursByWeekday: z.record(z.string(), z.number()),
      exceptions: z.record(z.string(), z.number()),
      load: z
        .array(z.object({ date: z.string(), capacity: z.number(), held: z.number() }))
        .describe('Each day of the horizon with hours held: capacity against held hours'),
    }),
  ),
  nextCursor,
});
