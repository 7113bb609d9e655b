// The namespace import lets esbuild drop the parts of zod we do not use (its locales alone are ~360 KB).
import * as z from 'zod';
import { CUSTOMER_KINDS } from '../../domain/notify/kinds.ts';
import { ianaTimeZone } from './bounds.ts';
import { isWellFormedCursor } from './order.ts';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');
const channel = z.enum(['email', 'sms']);

export const preferencesSchema = z.strictObject({
  channels: z.partialRecord(z.enum(CUSTOMER_KINDS), z.array(channel).max(2)).optional(),
  quietHours: z.strictObject({ start: time, end: time }).optional(),
  optOut: z.strictObject({ email: z.boolean().optional(), sms: z.boolean().optional() }).optional(),
  locale: z.enum(['en', 'zh-CN']).optional(),
});

export const contactSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/),
  name: z.string().trim().min(1).max(120),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +4915112345678')
    .optional(),
  preferences: preferencesSchema.optional(),
});

export const customerSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  tier: z.enum(['A', 'B', 'C']),
  region: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,20}$/)
    .describe('A region the ERP gave a transit time for (PUT /v1/erp/supply `transit`); others get 422'),
  locale: z.enum(['en', 'zh-CN']).default('en'),
  timeZone: ianaTimeZone,
  acceptsSplitDelivery: z.boolean().default(false),
  contacts: z.array(contactSchema).min(1).max(20),
  salesOwner: z.strictObject({ name: z.string().trim().min(1).max(120), email: z.email() }),
});

export const contactPreferencesUpdateSchema = z.strictObject({
  contactId: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/),
  preferences: preferencesSchema,
});

export type CustomerInput = z.infer<typeof customerSchema>;
export type Customer = CustomerInput & {
  readonly customerId: string;
  readonly updatedAt: string;
  /** Bumped by every write (sales edits and a contact's own preference changes): the ETag. */
  readonly version?: number;
};

/**
 * Where an address or number is on the suppression list (bounce, complaint, STOP): derived from
 * the address at read time, shown in GET, and ignored on a write (the list is not the customer's).
 */
const suppressedSchema = z
  .strictObject({
    email: z.enum(['bounce', 'complaint', 'stop', 'unsubscribe']).optional(),
    sms: z.enum(['bounce', 'complaint', 'stop', 'unsubscribe']).optional(),
  })
  .describe('Read-only: the address or number is suppressed (bounce, complaint, STOP); ignored on writes');

const readOnlyContactFields = {
  preferences: preferencesSchema
    .describe(
      'Read-only for a stored contact: set by the contact (preference centre, unsubscribe). Leave it out or send it unchanged; a different value is 422. A new contact may bring initial preferences.',
    )
    .optional(),
  suppressed: suppressedSchema.optional(),
};

/**
 * A sales write of a whole customer (PUT): the customer's fields plus what GET adds, so a GET body
 * can be sent back as it is. The read-only fields are checked against the stored customer.
 */
export const customerWriteSchema = customerSchema.extend({
  contacts: z.array(contactSchema.extend(readOnlyContactFields)).min(1).max(20),
  customerId: z.string().describe('Read-only: must be the id in the path').optional(),
  version: z
    .number()
    .int()
    .min(0)
    .describe(
      'Read-only: the version you read. When given, the write applies only to that version (else 412)',
    )
    .optional(),
  updatedAt: z.string().max(40).describe('Read-only: ignored').optional(),
});
export type CustomerWrite = z.infer<typeof customerWriteSchema>;

/**
 * An RFC 7396 JSON merge patch of a customer. `contacts` may be an object keyed by contact id
 * (merge each contact; `null` removes it; a new id adds one) or an array (replaces the list, as
 * RFC 7396 does with arrays). The merged customer is then validated as a PUT body.
 */
export const customerPatchSchema = z
  .record(z.string(), z.unknown())
  .describe(
    'JSON merge patch (RFC 7396) of the customer: name, tier, region, locale, timeZone, acceptsSplitDelivery, salesOwner, contacts (an object by contact id, or an array that replaces them)',
  );

export const listCustomersQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .max(100)
    .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'printable text')
    .describe('Part of a customer id or name, any case (prefix or substring)')
    .optional(),
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

export const unsubscribeQuery = z.strictObject({
  contact: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/),
  /** Signature of the contact in the message's links: the link acts for that contact only. */
  sig: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'the signature from the link in the email'),
  lang: z.enum(['en', 'zh-CN']).optional(),
});

/** The preference centre's address: the contact's signed link, and `saved=1` after a save. */
export const contactLinkQuery = unsubscribeQuery.extend({ saved: z.literal('1').optional() });

/** The preference centre's form, as a browser posts it (checkbox lists and time fields). */
export const preferencesFormSchema = z.strictObject({
  csrf: z.string().min(1).max(200),
  channel: z
    .array(z.string().regex(/^[A-Z_]+:(email|sms)$/))
    .max(40)
    .default([]),
  optOut: z.array(channel).max(2).default([]),
  quietStart: z.union([time, z.literal('')]).default(''),
  quietEnd: z.union([time, z.literal('')]).default(''),
  locale: z.enum(['en', 'zh-CN']).optional(),
});

/** The console's customer list: the query string of its plain GET search form (an empty field is unset). */
export const consoleCustomersQuerySchema = z.object({
  q: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .trim()
      .max(100)
      .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'printable text')
      .optional(),
  ),
  cursor: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().max(4096).refine(isWellFormedCursor, 'not a cursor of this list').optional(),
  ),
  lang: z.string().optional(),
});
