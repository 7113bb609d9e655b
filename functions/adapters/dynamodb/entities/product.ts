/**
 * Products pushed by the ERP (`PUT /v1/erp/products/{sku}`).
 *
 * | item    | PK            | SK      | attributes                                                  |
 * |---------|---------------|---------|-------------------------------------------------------------|
 * | product | PRODUCT#<sku> | PRODUCT | name, kind, bom, routing, purchaseLeadTimeDays, unitPrice, lotMinimum, lotMultiple; closure |
 * |         |               |         | GSI1 `CATALOGUE#PRODUCT` / `<sku>` (the paged product list)  |
 * | catalogue version | CATALOGUE | VERSION | version: bumped with every product write |
 *
 * `closure` is a read-ahead hint: the SKUs and work centers below the product in its BOM, as known
 * when it was stored. The snapshot loader fetches them in the round after the product, so a BOM
 * five levels deep usually costs two BatchGetItem rounds, not five. It is only a hint: the loader
 * still walks the real BOM and fetches whatever the hint missed (a component changed after its
 * parent was stored), so a stale hint costs a round trip, never a wrong date.
 *
 * The catalogue version lets a warm function keep products in memory: the snapshot reads the
 * version with the stock it needs anyway, and uses its cached products only while it is unchanged.
 *
 * Access patterns: one product by GetItem; a BOM level's products by one BatchGetItem; every
 * product in SKU order, a page at a time, by Query on GSI1 (the console's supply index and the
 * ERP's `GET /v1/erp/products`). One index partition holds the whole catalogue: a few thousand
 * small keys, read a page at a time by people and integrators, far below a partition's limits.
 */
import type { Product } from '../../../domain/promise/types.ts';

export const PRODUCT_ENTITY = 'PRODUCT';

export const productKey = (sku: string) => ({ PK: `PRODUCT#${sku}`, SK: 'PRODUCT' });
/** GSI1 partition listing every product, sorted by SKU. */
export const PRODUCT_LIST_PARTITION = 'CATALOGUE#PRODUCT';
export const productIndexKey = (sku: string) => ({ GSI1PK: PRODUCT_LIST_PARTITION, GSI1SK: sku });
export const CATALOGUE_VERSION_KEY = { PK: 'CATALOGUE', SK: 'VERSION' } as const;

export interface ClosureHint {
  readonly skus: readonly string[];
  readonly workCenters: readonly string[];
}

export const productItem = (product: Product, closure?: ClosureHint) => ({
  ...productKey(product.sku),
  ...productIndexKey(product.sku),
  entity: PRODUCT_ENTITY,
  ...product,
  ...(closure ? { closure } : {}),
});

/**
 * The closure hint of a product from its components' own hints (components not found contribute
 * only themselves): what storing one product can know without reading the whole BOM.
 */
export function closureFrom(
  product: Product,
  components: ReadonlyMap<string, ClosureHint | undefined>,
): ClosureHint {
  const skus = new Set<string>();
  const workCenters = new Set(product.routing.map((step) => step.workCenter));
  for (const line of product.bom) {
    skus.add(line.sku);
    const hint = components.get(line.sku);
    for (const sku of hint?.skus ?? []) skus.add(sku);
    for (const id of hint?.workCenters ?? []) workCenters.add(id);
  }
  skus.delete(product.sku);
  return { skus: [...skus].sort(), workCenters: [...workCenters].sort() };
}
