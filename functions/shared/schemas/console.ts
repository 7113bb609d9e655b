// The namespace import lets esbuild drop the parts of zod we do not use (its locales alone are ~360 KB).
import * as z from 'zod';
import { ORDER_STATUSES } from '../../domain/order/status.ts';
import { boundedDate } from './bounds.ts';
import { isWellFormedCursor } from './order.ts';

/** An empty form field means "not set": a GET form sends every field, filled in or not. */
const blank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const text = z.string().trim().min(1).max(64);

/** A page of "Needs you" starts after an urgency key (see urgencyKey), base64url-encoded. */
function isUrgencyCursor(cursor: string): boolean {
  return (
    /^[A-Za-z0-9_-]+$/.test(cursor) &&
    /^[0-3]\|[^<>"]+$/.test(Buffer.from(cursor, 'base64url').toString('utf8'))
  );
}

/** The board's filters: the query string of its plain GET form. */
export const consoleBoardQuerySchema = z.object({
  q: blank(text),
  status: blank(z.enum(ORDER_STATUSES)),
  atRisk: blank(z.literal('true')),
  customerId: blank(text),
  tier: blank(z.enum(['A', 'B', 'C'])),
  sku: blank(text),
  from: blank(boundedDate),
  to: blank(boundedDate),
  cursor: blank(z.string().max(4096).refine(isWellFormedCursor, 'not a cursor of this board')),
  urgentCursor: blank(z.string().max(1024).refine(isUrgencyCursor, 'not a cursor of this board')),
  /** `tables`: only the board's lists, for the page's script to swap in without a full reload. */
  part: blank(z.literal('tables')),
  lang: z.string().optional(),
  done: z.string().optional(),
});

export const consoleLoginQuerySchema = z.object({
  token: blank(z.string().max(8192)),
  signedOut: z.string().optional(),
  start: z.string().optional(),
  code: blank(z.string().max(2048)),
  state: blank(z.string().max(512)),
  lang: z.string().optional(),
});

/** The supply index: one cursor per list, so each pages on its own. */
export const consoleSupplyQuerySchema = z.object({
  products: blank(z.string().max(4096).refine(isWellFormedCursor, 'not a cursor of the product list')),
  workCenters: blank(z.string().max(4096).refine(isWellFormedCursor, 'not a cursor of the work-center list')),
  lang: z.string().optional(),
});
