// The namespace import lets esbuild drop the parts of zod we do not use (its locales alone are ~360 KB).
import * as z from 'zod';

const isoDate = z.iso.date();
const code = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'letters, digits and . _ : - only');
/** A SKU, work-center id or receipt reference: also the form of `{sku}` in the product path. */
export const skuCode = code;
const calendar = z.strictObject({
  workingWeekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  holidays: z.array(isoDate).max(400),
});
const hours = z.number().min(0).max(24);

export const productSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['stock', 'make']),
  bom: z
    .array(z.strictObject({ sku: code, quantityPer: z.number().positive() }))
    .max(200)
    .default([]),
  routing: z
    .array(
      z.strictObject({
        workCenter: code,
        hoursPerUnit: z.number().min(0),
        setupHours: z.number().min(0).default(0),
      }),
    )
    .max(50)
    .default([]),
  purchaseLeadTimeDays: z.number().int().min(0).max(730).optional(),
  unitPrice: z.number().min(0),
  lotMinimum: z.number().positive().optional(),
  lotMultiple: z.number().positive().optional(),
});

export const supplySchema = z
  .strictObject({
    plant: z
      .strictObject({
        timeZone: z.string().min(1),
        dailyCutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
        horizonDays: z.number().int().min(7).max(730),
        plantCalendar: calendar,
        shippingCalendar: calendar,
        supplierCalendar: calendar,
      })
      .optional(),
    stock: z
      .array(z.strictObject({ sku: code, onHand: z.number().min(0) }))
      .max(1000)
      .optional(),
    receipts: z
      .array(z.strictObject({ sku: code, quantity: z.number().positive(), date: isoDate, ref: code }))
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
