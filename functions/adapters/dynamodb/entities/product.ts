/**
 * Products pushed by the ERP (`PUT /v1/erp/products/{sku}`).
 *
 * | item    | PK            | SK      | attributes                                                  |
 * |---------|---------------|---------|-------------------------------------------------------------|
 * | product | PRODUCT#<sku> | PRODUCT | name, kind, bom, routing, purchaseLeadTimeDays, unitPrice, lotMinimum, lotMultiple |
 *
 * Access patterns: one product by GetItem; a BOM level's products by one BatchGetItem (the
 * snapshot loader walks the BOM one level per round trip). Products have their own partition, not
 * the SKU's, so reading a product never drags in the SKU's receipts and holds.
 */
import type { Product } from '../../../domain/promise/types.ts';

export const PRODUCT_ENTITY = 'PRODUCT';

export const productKey = (sku: string) => ({ PK: `PRODUCT#${sku}`, SK: 'PRODUCT' });

export const productItem = (product: Product) => ({
  ...productKey(product.sku),
  entity: PRODUCT_ENTITY,
  ...product,
});
