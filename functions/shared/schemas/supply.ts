// The namespace import lets esbuild drop the parts of zod we do not use (its locales alone are ~360 KB).
import * as z from 'zod';
import { boundedDate, decimal, ianaTimeZone, LIMITS, longestClosure, UNPROCESSABLE } from './bounds.ts';

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
