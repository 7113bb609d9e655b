import type { z } from 'zod';
import type { RouteHandler } from '../http/types.ts';
import { assertSameOrigin, formExpired, formFields, pageLocale, seeOther } from '../http/pages.ts';
import { ForbiddenError, ValidationError } from '../../../shared/errors.ts';
import { preferencesFormSchema, unsubscribeQuery } from '../../../shared/schemas/customer.ts';
import { formTokenValid } from '../../../shared/auth/form-token.ts';
import { saveContactSettings } from '../../../usecases/customer/wiring.ts';
import { preferencesFromForm } from '../../../web/preferences-form.ts';

/** The preference centre's Save: a plain form post, checked against forgery, then back to the page. */
export const route: RouteHandler<z.ZodType, typeof unsubscribeQuery> = {
  operationId: 'savePreferencesForm',
  audience: 'customer',
  querySchema: unsubscribeQuery,
  async handle({ principal, headers, rawBody, query, params }) {
    if (principal.kind !== 'customer') throw new ForbiddenError('A tracking link is needed');
    assertSameOrigin(headers);
    const fields = formFields(rawBody);
    const parsed = preferencesFormSchema.safeParse({
      csrf: fields.get('csrf') ?? '',
      channel: fields.getAll('channel'),
      optOut: fields.getAll('optOut'),
      quietStart: fields.get('quietStart') ?? '',
      quietEnd: fields.get('quietEnd') ?? '',
      ...(fields.get('locale') ? { locale: fields.get('locale') } : {}),
    });
    if (!parsed.success)
      throw new ValidationError(
        'The settings form is invalid',
        parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.') || 'body',
          message: issue.message,
        })),
      );
    if (!(await formTokenValid(parsed.data.csrf, principal.tokenHash, `preferences:${query.contact}`)))
      throw formExpired();
    await saveContactSettings(principal, query.contact, query.sig, preferencesFromForm(parsed.data));
    const contact = `contact=${encodeURIComponent(query.contact)}&sig=${encodeURIComponent(query.sig)}`;
    return seeOther(
      `/v1/track/${params.token}/preferences?${contact}&lang=${pageLocale(query, 'en')}&saved=1`,
    );
  },
};
