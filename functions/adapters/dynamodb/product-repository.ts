/**
 * Products in DynamoDB (entities/product.ts): stored by the ERP's PUT, read by SKU, listed a page
 * at a time through GSI1.
 */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Product } from '../../domain/promise/types.ts';
import { decodeCursor, dynamo, encodeCursor, tableName } from './client.ts';
import {
  CATALOGUE_VERSION_KEY,
  closureFrom,
  PRODUCT_LIST_PARTITION,
  productIndexKey,
  productItem,
  productKey,
  type ClosureHint,
} from './entities/product.ts';
import { batchGet, canonical, strip } from './supply-items.ts';

/**
 * Stores a product unless the stored one is identical, so a repeated PUT changes nothing and
 * re-promises nothing. Returns whether anything changed. The product's closure hint is built from
 * its components' hints (entities/product.ts).
 */
export async function putProduct(product: Product): Promise<boolean> {
  const [{ Item }, components] = await Promise.all([
    dynamo().send(
      new GetCommand({ TableName: tableName(), Key: productKey(product.sku), ConsistentRead: true }),
    ),
    batchGet(product.bom.map((line) => productKey(line.sku))),
  ]);
  if (Item && canonical(strip<Product>(Item)) === canonical(product)) {
    // Stored before the product list existed: index it, which changes nothing a promise reads.
    if (!Item.GSI1PK) await indexProduct(product.sku);
    return false;
  }
  const hints = new Map(
    components.map((component) => [String(component.sku), component.closure as ClosureHint | undefined]),
  );
  // The version bump tells every cached catalogue (loadSnapshot) that products changed.
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: productItem(product, closureFrom(product, hints)) } },
        {
          Update: {
            TableName: tableName(),
            Key: CATALOGUE_VERSION_KEY,
            UpdateExpression: 'ADD version :one',
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
      ],
    }),
  );
  return true;
}

async function indexProduct(sku: string): Promise<void> {
  const index = productIndexKey(sku);
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: productKey(sku),
      UpdateExpression: 'SET GSI1PK = :pk, GSI1SK = :sk',
      ExpressionAttributeValues: { ':pk': index.GSI1PK, ':sk': index.GSI1SK },
    }),
  );
}

export async function getProducts(skus: readonly string[]): Promise<Map<string, Product>> {
  const items = await batchGet([...new Set(skus)].map(productKey));
  return new Map(items.map((item) => strip<Product>(item)).map((product) => [product.sku, product]));
}

export async function getProduct(sku: string): Promise<Product | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: productKey(sku), ConsistentRead: true }),
  );
  return Item ? strip<Product>(Item) : undefined;
}

/** A page of a list read through an index, and the cursor of the next one when there is more. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

/**
 * Whether a cursor was issued by the list of `partition`: another list's cursor would make
 * DynamoDB answer with an error, so it is refused as a bad field first.
 */
export function isCursorOf(partition: string, cursor: string): boolean {
  return decodeCursor(cursor)?.GSI1PK === partition;
}

/** One page of an index partition in sort-key order. */
export async function queryIndexPage(
  partition: string,
  limit: number,
  cursor: string | undefined,
): Promise<{ items: Record<string, unknown>[]; nextCursor?: string }> {
  const page = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor),
    }),
  );
  const nextCursor = encodeCursor(page.LastEvaluatedKey);
  return { items: page.Items ?? [], ...(nextCursor ? { nextCursor } : {}) };
}

/** Products in SKU order, `limit` a page; `cursor` is the `nextCursor` of the page before. */
export async function listProducts(limit: number, cursor?: string): Promise<Page<Product>> {
  const page = await queryIndexPage(PRODUCT_LIST_PARTITION, limit, cursor);
  return { ...page, items: page.items.map((item) => strip<Product>(item)) };
}
