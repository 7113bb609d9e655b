import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ContactPreferences } from '../../domain/notify/preferences.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import { conditionally, dynamo, tableName } from './client.ts';
import { customerKey, phoneKey, suppressionKey } from './entities/customer.ts';

export async function putCustomer(customer: Customer): Promise<void> {
  const phones = customer.contacts.flatMap((contact) => (contact.phone ? [contact.phone] : []));
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...customerKey(customer.customerId), entity: 'CUSTOMER', ...customer },
          },
        },
        ...phones.map((phone) => ({
          Put: {
            TableName: tableName(),
            Item: { ...phoneKey(phone), entity: 'PHONE', customerId: customer.customerId },
          },
        })),
      ],
    }),
  );
}

export async function getCustomer(customerId: string, consistent = false): Promise<Customer | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: customerKey(customerId), ConsistentRead: consistent }),
  );
  if (!Item) return undefined;
  const { PK: _pk, SK: _sk, entity: _entity, ...customer } = Item;
  return customer as Customer;
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
        UpdateExpression: `SET ${contact}.preferences = :next, updatedAt = :updatedAt`,
        ConditionExpression:
          previous === undefined
            ? `${contact}.id = :id AND attribute_not_exists(${contact}.preferences)`
            : `${contact}.id = :id AND ${contact}.preferences = :previous`,
        ExpressionAttributeValues: {
          ':id': contactId,
          ':next': next,
          ':updatedAt': updatedAt,
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
