// The namespace import lets esbuild drop the parts of zod we do not use (its locales alone are ~360 KB).
import * as z from 'zod';
import { CUSTOMER_KINDS } from '../../domain/notify/kinds.ts';
import { ianaTimeZone } from './bounds.ts';

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
export type Customer = CustomerInput & { readonly customerId: string; readonly updatedAt: string };

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
