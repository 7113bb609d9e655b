import type { LikelyBeside } from '../../domain/promise/likely-date.ts';
import type {
  BasisEntry,
  PromiseRequest,
  PromiseResult,
  Shipment,
  VersionedPromise,
} from '../../domain/promise/types.ts';
import { bindingConstraint } from './console-order.ts';
import { checkInquiry, type InquiryInput } from './inquiry-check.ts';
import type { CustomerFacts, OrderDeps } from './ports.ts';

/** What the what-if quote reads: the inquiry's checks, the catalogue's prices and the promise check. */
export interface QuickQuoteDeps extends Pick<OrderDeps, 'now' | 'customers' | 'products'> {
  /** Names and unit prices of the given SKUs (unknown SKUs are left out). */
  readonly catalogue: (
    skus: readonly string[],
  ) => Promise<ReadonlyMap<string, { readonly name: string; readonly unitPrice: number }>>;
  /**
   * What a quote would promise now, storing nothing (the use case of POST /v1/promise-check): the
   * engine's plan from the supply the tier may book, and the promise under the plant's policy.
   */
  readonly checkQuote: (
    request: PromiseRequest,
    now: Date,
    tier: string,
  ) => Promise<{
    result: PromiseResult;
    promise: Pick<VersionedPromise, 'date' | 'likelyDate' | 'bufferDays'>;
  }>;
  readonly currency: string;
}

export interface QuickQuoteLine {
  readonly sku: string;
  readonly name?: string;
  readonly quantity: number;
  readonly unitPrice?: number;
  readonly value?: number;
  readonly date: string;
  readonly method: 'ATP' | 'CTP';
  /** Part of the line earlier, the rest later (sums to the quantity). */
  readonly splitOffer?: readonly Shipment[];
}

/** A what-if quote: what an inquiry for these lines would be promised now. Nothing of it is stored. */
export interface QuickQuote {
  readonly customer: CustomerFacts;
  /** The date the quote would promise (the engine's plan plus any buffer of the plant's policy). */
  readonly date: string;
  /** The engine's plan beside a buffered promise, and the business days of margin between them. */
  readonly likely?: LikelyBeside;
  readonly requestedDate?: string;
  readonly lines: readonly QuickQuoteLine[];
  /** The order's shipments when the customer accepts split deliveries. */
  readonly shipments?: readonly Shipment[];
  readonly basis: readonly BasisEntry[];
  /** Index in `basis` of the constraint that sets the date. */
  readonly binding?: number;
  readonly total: number;
  readonly currency: string;
}

/**
 * The console's what-if: the date, split offers, basis and prices an inquiry would get now.
 * 1. Check the input exactly as an inquiry is checked (customer, SKUs, dates).
 * 2. Compute the promise for the customer's region and split preference, storing nothing.
 * 3. Price the lines from the catalogue.
 */
export async function quickQuote(deps: QuickQuoteDeps, input: InquiryInput): Promise<QuickQuote> {
  const customer = await checkInquiry(deps, input);
  const [{ result, promise }, catalogue] = await Promise.all([
    deps.checkQuote(
      {
        region: customer.region,
        acceptsSplitDelivery: customer.acceptsSplitDelivery,
        lines: input.lines,
        ...(input.requestedDate ? { requestedDate: input.requestedDate } : {}),
      },
      deps.now(),
      customer.tier,
    ),
    deps.catalogue(input.lines.map((line) => line.sku)),
  ]);
  const lines = result.lines.map((line): QuickQuoteLine => {
    const product = catalogue.get(line.sku);
    return {
      sku: line.sku,
      quantity: line.quantity,
      date: line.date,
      method: line.method,
      ...(line.splitOffer ? { splitOffer: line.splitOffer } : {}),
      ...(product
        ? { name: product.name, unitPrice: product.unitPrice, value: product.unitPrice * line.quantity }
        : {}),
    };
  });
  const binding = bindingConstraint(result.basis);
  return {
    customer,
    date: promise.date,
    ...(promise.likelyDate && promise.likelyDate < promise.date
      ? { likely: { date: promise.likelyDate, marginDays: promise.bufferDays ?? 0 } }
      : {}),
    ...(input.requestedDate ? { requestedDate: input.requestedDate } : {}),
    lines,
    ...(result.shipments ? { shipments: result.shipments } : {}),
    basis: result.basis,
    ...(binding !== undefined ? { binding } : {}),
    total: lines.reduce((sum, line) => sum + (line.value ?? 0), 0),
    currency: deps.currency,
  };
}
