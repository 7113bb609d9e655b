import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import type { CustomerFacts, OrderDeps } from './ports.ts';

/** What an inquiry asks for: a customer, lines and optional dates. */
export interface InquiryInput {
  readonly customerId: string;
  readonly lines: readonly { sku: string; quantity: number; requestedDate?: string }[];
  readonly requestedDate?: string;
  readonly note?: string;
}

/**
 * Step 1 of an inquiry, shared by the stored inquiry and the console's what-if quote, so both refuse
 * the same input alike: no date before today, a known customer, known SKUs. Writes nothing.
 */
export async function checkInquiry(
  deps: Pick<OrderDeps, 'now' | 'customers' | 'products'>,
  input: InquiryInput,
): Promise<CustomerFacts> {
  const today = deps.now().toISOString().slice(0, 10);
  const pastDates = [
    ...(input.requestedDate && input.requestedDate < today
      ? [{ path: 'requestedDate', message: 'must not be in the past' }]
      : []),
    ...input.lines.flatMap((line, index) =>
      line.requestedDate && line.requestedDate < today
        ? [{ path: `lines.${index}.requestedDate`, message: 'must not be in the past' }]
        : [],
    ),
  ];
  if (pastDates.length) throw new ValidationError('A requested date is in the past', pastDates);
  const customer = await deps.customers.get(input.customerId);
  if (!customer) throw new NotFoundError(`Unknown customer ${input.customerId}`, { field: 'customerId' });
  const missing = await deps.products.missing(input.lines.map((line) => line.sku));
  if (missing.length) {
    throw new ValidationError(
      `Unknown SKU: ${missing.join(', ')}`,
      input.lines.flatMap((line, index) =>
        missing.includes(line.sku)
          ? [{ path: `lines.${index}.sku`, message: `unknown SKU ${line.sku}` }]
          : [],
      ),
    );
  }
  return customer;
}
