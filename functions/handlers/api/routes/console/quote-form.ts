import {
  DomainError,
  NotFoundError,
  UnprocessableContentError,
  ValidationError,
  type FieldIssue,
} from '../../../../shared/errors.ts';
import { inquirySchema } from '../../../../shared/schemas/order.ts';
import type { InquiryInput } from '../../../../usecases/order/inquiry-check.ts';
import type { Locale } from '../../../../web/i18n.ts';
import { ct } from '../../../../web/console/messages.ts';
import type { QuoteFormValues } from '../../../../web/console/quote.ts';

/** Empty rows the form shows at first; "add line" adds one more, up to an inquiry's 50 lines. */
export const FIRST_ROWS = 5;
const MAX_ROWS = 50;

type Field = (name: string) => string | undefined;

/** The form as typed: the rows asked for (at least every filled one), text kept as it was. */
export function quoteFormValues(field: Field, addRow = false): QuoteFormValues {
  const filled = Array.from({ length: MAX_ROWS }, (_, index) => index + 1).filter(
    (n) => field(`sku${n}`)?.trim() || field(`qty${n}`)?.trim(),
  );
  const asked = Math.min(MAX_ROWS, Math.max(FIRST_ROWS, Number(field('rows')) || 0, ...filled));
  const count = Math.min(MAX_ROWS, asked + (addRow ? 1 : 0));
  return {
    customerId: field('customerId')?.trim() ?? '',
    requestedDate: field('requestedDate')?.trim() ?? '',
    rows: Array.from({ length: count }, (_, index) => ({
      sku: field(`sku${index + 1}`)?.trim() ?? '',
      quantity: field(`qty${index + 1}`)?.trim() ?? '',
    })),
  };
}

/**
 * The form as an inquiry, checked with the JSON API's own schema; a refused value is named by its
 * label on the form ("Line 3 · quantity"), counting the rows as the user sees them.
 */
export function inquiryFrom(
  form: QuoteFormValues,
  locale: Locale,
): { input: InquiryInput; rowOfLine: readonly number[] } {
  const rowOfLine = form.rows.flatMap((row, index) => (row.sku || row.quantity ? [index + 1] : []));
  const parsed = inquirySchema.safeParse({
    customerId: form.customerId,
    lines: rowOfLine.map((n) => {
      const row = form.rows[n - 1]!;
      return { sku: row.sku, quantity: row.quantity === '' ? undefined : Number(row.quantity) };
    }),
    ...(form.requestedDate ? { requestedDate: form.requestedDate } : {}),
  });
  if (!parsed.success)
    throw new ValidationError(
      'The quote form is invalid',
      parsed.error.issues.map((issue) => ({
        path: labelOf(issue.path.map(String).join('.'), rowOfLine, locale),
        message: issue.message,
      })),
    );
  // The use case names lines by their index among the filled rows; the page shows row numbers.
  return { input: parsed.data, rowOfLine };
}

/** The label a field has on the form, from its path in the inquiry (`lines.2.quantity`). */
function labelOf(path: string, rowOfLine: readonly number[], locale: Locale): string {
  const line = /^lines\.(\d+)\.(\w+)/.exec(path);
  if (line) {
    const n = rowOfLine[Number(line[1])] ?? Number(line[1]) + 1;
    return ct(locale, line[2] === 'quantity' ? 'quoteLineQty' : 'quoteLineSku', { n });
  }
  if (path === 'customerId') return ct(locale, 'quoteCustomer');
  if (path === 'requestedDate') return ct(locale, 'quoteRequested');
  if (path === 'lines') return ct(locale, 'lines');
  return path || 'form';
}

/**
 * A refusal from the use case, named by the form's labels: unknown SKUs by their row, and an
 * unknown customer as the form's field it is (422: the page exists, the value does not fit).
 */
export function asFormError(error: unknown, rowOfLine: readonly number[], locale: Locale): unknown {
  if (!(error instanceof DomainError)) return error;
  const relabel = (issues: readonly FieldIssue[]) =>
    issues.map((issue) => ({ ...issue, path: labelOf(issue.path, rowOfLine, locale) }));
  if (error instanceof UnprocessableContentError)
    return new UnprocessableContentError(error.message, relabel(error.issues));
  if (error instanceof ValidationError) return new ValidationError(error.message, relabel(error.issues));
  const field = (error.details as { field?: unknown }).field;
  if (error instanceof NotFoundError && typeof field === 'string')
    return new UnprocessableContentError(error.message, relabel([{ path: field, message: error.message }]));
  return error;
}
