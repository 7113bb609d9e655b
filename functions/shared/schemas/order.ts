// The namespace import lets esbuild drop the parts of zod we do not use (its locales alone are ~360 KB).
import * as z from 'zod';
import type { ERP_EVENT_TYPES } from '../../domain/order/stages.ts';
import { STAGE_EVENTS } from '../../domain/order/stages.ts';
import { ORDER_STATUSES } from '../../domain/order/status.ts';
import { boundedDate, boundedDateTime } from './bounds.ts';

/**
 * One schema per input: the HTTP layer validates with these, handlers get their types, and the
 * OpenAPI document is generated from them.
 */
const isoDate = boundedDate;
const id = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only')
  .describe('1 to 64 letters, digits and . _ : -');

export const inquiryLineSchema = z.strictObject({
  sku: id,
  quantity: z.number().int().positive().max(1_000_000),
  requestedDate: isoDate.optional(),
});

export const inquirySchema = z.strictObject({
  customerId: id,
  lines: z.array(inquiryLineSchema).min(1).max(50),
  requestedDate: isoDate.optional(),
  note: z.string().max(2000).optional(),
});

export const inquiryResponseSchema = z.object({
  orderId: z.string(),
  status: z.enum(ORDER_STATUSES),
});

/** The key attributes a list page can start after (the table's and its indexes'), as the cursor holds them. */
const CURSOR_ATTRIBUTES = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK']);

/** Whether a cursor is one this API could have issued: base64url JSON of key attributes with short strings. */
export function isWellFormedCursor(cursor: string): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return false;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!key || typeof key !== 'object' || Array.isArray(key)) return false;
    const entries = Object.entries(key);
    return (
      entries.length >= 2 &&
      entries.every(
        ([name, value]) =>
          CURSOR_ATTRIBUTES.has(name) &&
          typeof value === 'string' &&
          value.length >= 1 &&
          value.length <= 1024,
      )
    );
  } catch {
    return false;
  }
}

export const listOrdersQuerySchema = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional(),
  customerId: id.optional(),
  atRisk: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z
    .string()
    .max(4096)
    .refine(
      isWellFormedCursor,
      'not a cursor from this API: pass `nextCursor` of the previous page unchanged',
    )
    .describe('`nextCursor` of the previous page, unchanged')
    .optional(),
});

export const promiseDecisionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('confirm') }),
  z.strictObject({
    action: z.literal('adjust'),
    date: isoDate,
    reason: z.string().trim().min(3).max(500),
    overrideReason: z
      .string()
      .trim()
      .min(3)
      .max(500)
      .describe(
        'Required when the date is earlier than the plant can make it (the promise is then a sales override)',
      )
      .optional(),
  }),
]);

export const cancelSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });

export const quoteDecisionSchema = z.strictObject({ decision: z.enum(['accept', 'reject']) });

const shippedData = z.strictObject({
  carrier: z.string().min(1).max(100),
  trackingNumber: z.string().min(1).max(100),
  estimatedDelivery: isoDate,
});
const delayData = z.strictObject({
  stage: z.enum(STAGE_EVENTS),
  newEstimatedDate: isoDate,
  reason: z.string().trim().min(3).max(500),
  /** Shown to the customer instead of the internal reason; without it they see the category in words. */
  customerNote: z.string().trim().min(3).max(300).optional(),
  category: z.enum(['material', 'capacity', 'transport', 'quality']).optional(),
});
const noData = z.strictObject({}).default({});

const erpEventBase = {
  eventId: id,
  orderId: id,
  occurredAt: boundedDateTime,
};

export const erpEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...erpEventBase, type: z.literal('SHIPPED'), data: shippedData }),
  z.strictObject({ ...erpEventBase, type: z.literal('DELAY_REPORTED'), data: delayData }),
  ...(['MATERIALS_READY', 'PRODUCTION_STARTED', 'PRODUCTION_COMPLETED', 'DELIVERED'] as const).map((type) =>
    z.strictObject({ ...erpEventBase, type: z.literal(type), data: noData }),
  ),
] as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]]);

export type ErpEventBody = {
  eventId: string;
  orderId: string;
  occurredAt: string;
  type: (typeof ERP_EVENT_TYPES)[number];
  data: Record<string, unknown>;
};
