import type { z } from 'zod';
import { keepContactChoices, type EditIssue } from '../../domain/customer/sales-edit.ts';
import {
  ConcurrentChangeError,
  PreconditionFailedError,
  UnprocessableContentError,
  ValidationError,
} from '../../shared/errors.ts';
import { UNPROCESSABLE } from '../../shared/schemas/bounds.ts';
import { customerWriteSchema, type Customer, type CustomerWrite } from '../../shared/schemas/customer.ts';
import type { SalesCustomerDeps } from './ports.ts';

/** Compare-and-swap rounds when a contact's own change lands between our read and our write. */
const SAVE_ATTEMPTS = 5;

/** The client's condition on the stored version: `If-Match`, `If-None-Match: *`, or `version` in the body. */
export interface Precondition {
  /** `*` or the versions an ETag list names. */
  readonly ifMatch?: '*' | readonly number[];
  readonly ifNoneMatchAny?: boolean;
}

/** The strong ETag of a customer version. */
export const etagOf = (customer: Pick<Customer, 'version'>): string => `"${customer.version ?? 0}"`;

/** `If-Match` / `If-None-Match` headers as a precondition; an ETag that is not ours matches nothing. */
export function preconditionFrom(headers: Readonly<Record<string, string | undefined>>): Precondition {
  const ifMatch = headers['if-match']?.trim();
  return {
    ...(ifMatch
      ? {
          ifMatch:
            ifMatch === '*'
              ? '*'
              : [...ifMatch.matchAll(/(?:W\/)?"(\d{1,15})"/g)].map((match) => Number(match[1])),
        }
      : {}),
    ...(headers['if-none-match']?.trim() === '*' ? { ifNoneMatchAny: true } : {}),
  };
}

/** The edit a request makes: the whole customer it asks for, from what is stored now. */
export type Edit = (stored: Customer | undefined) => {
  readonly document: unknown;
  readonly issues?: readonly EditIssue[];
};

function schemaError(error: z.ZodError): ValidationError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || 'body',
    message: issue.message,
  }));
  // Only out-of-range values (bounds.ts marks them) are 422; anything malformed is 400, as at the edge.
  const unprocessable = error.issues.every(
    (issue) =>
      issue.code === 'custom' &&
      (issue.params as { status?: number } | undefined)?.status === UNPROCESSABLE.status,
  );
  return unprocessable
    ? new UnprocessableContentError('The customer is invalid', issues)
    : new ValidationError('The customer is invalid', issues);
}

function checkPrecondition(stored: Customer | undefined, condition: Precondition, bodyVersion?: number) {
  const version = stored ? (stored.version ?? 0) : undefined;
  const { ifMatch } = condition;
  if (ifMatch === '*' ? !stored : ifMatch && (version === undefined || !ifMatch.includes(version)))
    throw new PreconditionFailedError(
      stored
        ? `The customer changed since you read it (now version ${version}): read it again and redo the edit`
        : 'There is no such customer to match',
    );
  if (condition.ifNoneMatchAny && stored)
    throw new PreconditionFailedError('The customer exists already (If-None-Match: *)');
  if (bodyVersion !== undefined && bodyVersion !== version)
    throw new PreconditionFailedError(
      `version ${bodyVersion} is not the stored one${stored ? ` (now ${version})` : ''}: the customer changed since you read it; read it again and redo the edit`,
    );
}

/** The customer to store: the write's own fields, without what GET adds (id, version, suppressions). */
function storedFields(write: CustomerWrite) {
  const { customerId: _id, version: _version, updatedAt: _updatedAt, contacts, ...fields } = write;
  return { ...fields, contacts: contacts.map(({ suppressed: _suppressed, ...contact }) => contact) };
}

/**
 * A sales edit of a customer (PUT and PATCH, JSON and console alike).
 * 1. Read the stored customer; check the client's precondition (If-Match, `version`).
 * 2. Build the whole customer the edit asks for; validate it as a PUT body.
 * 3. Keep what belongs to the contacts (their preferences and opt-outs); refuse an edit that undoes them.
 * 4. Check the region has a transit time.
 * 5. Write only if the stored version is still the one read; if a contact's own change came in
 *    between, start again from 1 (unless the client named a version: then 412).
 */
export async function saveSalesEdit(
  deps: SalesCustomerDeps,
  customerId: string,
  edit: Edit,
  condition: Precondition = {},
): Promise<Customer> {
  for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt += 1) {
    const stored = await deps.customers.get(customerId);
    const { document, issues: editIssues = [] } = edit(stored);
    const parsed = customerWriteSchema.safeParse(document);
    if (!parsed.success) throw schemaError(parsed.error);
    const write = parsed.data;
    checkPrecondition(stored, condition, write.version);
    const ids = write.contacts.map((contact) => contact.id);
    if (new Set(ids).size !== ids.length)
      throw new ValidationError('Contact ids must be unique', [
        { path: 'contacts', message: 'duplicate id' },
      ]);

    const fields = storedFields(write);
    const kept = keepContactChoices(stored?.contacts ?? [], fields.contacts);
    const issues: EditIssue[] = [...editIssues, ...kept.issues];
    if (write.customerId !== undefined && write.customerId !== customerId)
      issues.push({ path: 'customerId', message: `read-only: this is customer ${customerId}` });
    // Without a transit time no date can be promised to the customer: every inquiry would fail.
    if (!(await deps.regionKnown(write.region)))
      issues.push({
        path: 'region',
        message: `no transit time to ${write.region}: send it in PUT /v1/erp/supply first`,
      });
    if (issues.length) throw new UnprocessableContentError('The customer cannot be saved as sent', issues);

    const version = stored ? (stored.version ?? 0) : undefined;
    const next: Customer = {
      ...fields,
      contacts: kept.contacts,
      customerId,
      updatedAt: deps.now().toISOString(),
      version: (version ?? 0) + 1,
    };
    if (await deps.customers.save(next, version === undefined ? { absent: true } : { version })) return next;
    if (condition.ifMatch || condition.ifNoneMatchAny || write.version !== undefined)
      throw new PreconditionFailedError(
        'The customer changed while you saved: read it again and redo the edit',
      );
  }
  throw new ConcurrentChangeError('The customer kept changing; try again');
}
