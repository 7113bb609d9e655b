import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ContactPreferences } from '../../domain/notify/preferences.ts';
import { ValidationError } from '../../shared/errors.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import { conditionally, decodeCursor, dynamo, encodeCursor, tableName } from './client.ts';
import {
  CUSTOMER_LIST_PARTITION,
  customerKey,
  customerListAttributes,
  phoneKey,
  searchable,
  suppressionKey,
} from './entities/customer.ts';

/** What a customer write must find stored: nothing (a new customer), or exactly this version. */
export type CustomerExpectation = { readonly absent: true } | { readonly version: number };

/** The transaction items of a customer write: the customer, and a lookup item per phone number. */
function customerWriteItems(customer: Customer, condition?: CustomerExpectation) {
  // Two contacts may share a number (a switchboard); a transaction may touch each item only once.
  const phones = [...new Set(customer.contacts.flatMap((contact) => (contact.phone ? [contact.phone] : [])))];
  // Items written before versions existed have none: version 0 is "no version attribute".
  const check =
    condition === undefined
      ? {}
      : 'absent' in condition
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : condition.version === 0
          ? { ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(version)' }
          : {
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': condition.version },
            };
  return [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...customerKey(customer.customerId),
          entity: 'CUSTOMER',
          ...customerListAttributes(customer),
          ...customer,
        },
        ...check,
      },
    },
    ...phones.map((phone) => ({
      Put: {
        TableName: tableName(),
        Item: { ...phoneKey(phone), entity: 'PHONE', customerId: customer.customerId },
      },
    })),
  ];
}

/**
 * Writes a customer only if the stored one is still what `expected` says (compare-and-swap on the
 * version), so of two edits made from the same read one wins and the other reads again. False
 * when the condition failed; nothing is written then.
 */
export async function saveCustomerIf(customer: Customer, expected: CustomerExpectation): Promise<boolean> {
  return conditionally(
    dynamo().send(new TransactWriteCommand({ TransactItems: customerWriteItems(customer, expected) })),
  );
}

/** Writes a customer whatever is stored (seeding and tests; sales edits use saveCustomerIf). */
export async function putCustomer(customer: Customer): Promise<void> {
  await dynamo().send(new TransactWriteCommand({ TransactItems: customerWriteItems(customer) }));
}

export async function getCustomer(customerId: string, consistent = false): Promise<Customer | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: customerKey(customerId), ConsistentRead: consistent }),
  );
  if (!Item) return undefined;
  return customerFromItem(Item);
}

function customerFromItem(item: Record<string, unknown>): Customer {
  const {
    PK: _pk,
    SK: _sk,
    entity: _entity,
    GSI1PK: _gpk,
    GSI1SK: _gsk,
    search: _search,
    ...customer
  } = item;
  return customer as Customer;
}

/** A start key this list could have issued (DynamoDB answers any other with a server error). */
const isListKey = (key: Record<string, unknown> | undefined): boolean =>
  !!key &&
  Object.keys(key).length === 4 &&
  key.GSI1PK === CUSTOMER_LIST_PARTITION &&
  key.SK === 'CUSTOMER' &&
  typeof key.PK === 'string' &&
  key.PK.startsWith('CUSTOMER#') &&
  typeof key.GSI1SK === 'string';

/** Customer items read per list request at most: a search reads through, a page of names stops early. */
const MAX_READ_PER_LIST = 1_000;

/**
 * Customers by name (then id), one page after `cursor`; with `q`, only those whose id or name
 * contains it (any case). Reads the customer list index only, at most MAX_READ_PER_LIST items per
 * call: a sparse search may answer fewer than `limit` with a cursor to read on.
 */
export async function listCustomers(query: {
  readonly q?: string;
  readonly limit: number;
  readonly cursor?: string;
}): Promise<{ customers: Customer[]; nextCursor?: string }> {
  let startKey = decodeCursor(query.cursor);
  if (query.cursor && !isListKey(startKey))
    throw new ValidationError('The cursor is not one of this list', [
      { path: 'query.cursor', message: 'pass `nextCursor` of the previous page of this list unchanged' },
    ]);
  const needle = query.q ? searchable(query.q) : '';
  const customers: Customer[] = [];
  let read = 0;
  let lastKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ...(needle
          ? {
              FilterExpression: 'contains(#search, :needle)',
              ExpressionAttributeNames: { '#search': 'search' },
            }
          : {}),
        ExpressionAttributeValues: {
          ':pk': CUSTOMER_LIST_PARTITION,
          ...(needle ? { ':needle': needle } : {}),
        },
        Limit: needle ? Math.min(200, MAX_READ_PER_LIST - read) : query.limit - customers.length,
        ExclusiveStartKey: startKey,
      }),
    );
    read += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) {
      customers.push(customerFromItem(item));
      lastKey = { PK: item.PK, SK: item.SK, GSI1PK: item.GSI1PK, GSI1SK: item.GSI1SK };
      // A full page: go on after its last customer, not after everything this read went through.
      if (customers.length === query.limit) {
        const more = item !== page.Items?.at(-1) || page.LastEvaluatedKey !== undefined;
        const nextCursor = more ? encodeCursor(lastKey) : undefined;
        return nextCursor ? { customers, nextCursor } : { customers };
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey && read < MAX_READ_PER_LIST);
  const nextCursor = encodeCursor(startKey);
  return nextCursor ? { customers, nextCursor } : { customers };
}

/** Why an address or number is on the suppression list, if it is. */
export async function suppressionReason(address: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: suppressionKey(address) }),
  );
  return Item ? String(Item.reason) : undefined;
}

/**
 * Replaces one contact's preferences and nothing else of the customer, only if that contact is
 * still at `index` with the preferences `previous` (undefined: none): a compare-and-swap, so two
 * changes for two contacts both land, and of two for the same contact the later one re-reads.
 * False when the condition failed (the caller reads again and retries).
 */
export async function swapContactPreferences(
  customerId: string,
  index: number,
  contactId: string,
  previous: ContactPreferences | undefined,
  next: ContactPreferences,
  updatedAt: string,
): Promise<boolean> {
  const contact = `contacts[${Math.trunc(index)}]`;
  return conditionally(
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: customerKey(customerId),
        // The version moves too, so a sales edit made from an older read cannot write over this choice.
        UpdateExpression: `SET ${contact}.preferences = :next, updatedAt = :updatedAt ADD version :one`,
        ConditionExpression:
          previous === undefined
            ? `${contact}.id = :id AND attribute_not_exists(${contact}.preferences)`
            : `${contact}.id = :id AND ${contact}.preferences = :previous`,
        ExpressionAttributeValues: {
          ':id': contactId,
          ':next': next,
          ':updatedAt': updatedAt,
          ':one': 1,
          ...(previous === undefined ? {} : { ':previous': previous }),
        },
      }),
    ),
  );
}

export async function customerIdForPhone(phone: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: phoneKey(phone) }));
  return Item ? String(Item.customerId) : undefined;
}

/** Puts an address or number on the suppression list; only its hash is stored. */
export async function suppress(
  address: string,
  reason: 'bounce' | 'complaint' | 'stop' | 'unsubscribe',
  at: string,
): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...suppressionKey(address), entity: 'SUPPRESS', reason, at },
    }),
  );
}

export async function isSuppressed(address: string): Promise<boolean> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: suppressionKey(address) }),
  );
  return Boolean(Item);
}
