import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Customer } from '../../shared/schemas/customer.ts';
import { dynamo, tableName } from './client.ts';
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

export async function getCustomer(customerId: string): Promise<Customer | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: customerKey(customerId) }),
  );
  if (!Item) return undefined;
  const { PK: _pk, SK: _sk, entity: _entity, ...customer } = Item;
  return customer as Customer;
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
