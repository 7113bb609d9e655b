/**
 * What the console's supply pages show: the catalogue index, a product with its BOM, routing,
 * availability and dependent orders, and a work center with its load and dependent orders.
 */
import type { Product } from '../../domain/promise/types.ts';
import type { Page, SupplyReadPorts } from './ports.ts';
import {
  CHART_DAYS,
  dependentOrders,
  productList,
  skuSupply,
  workCenterList,
  workCenterLoad,
  type DependentOrder,
  type SkuSupply,
  type WorkCenterLoad,
} from './views.ts';

/** Rows a page of the supply index shows of each list. */
export const INDEX_PAGE_SIZE = 25;

export interface SupplyIndexModel {
  readonly products: Page<Product>;
  readonly workCenters: Page<WorkCenterLoad>;
}

export async function consoleSupplyIndex(
  ports: SupplyReadPorts,
  cursors: { products?: string; workCenters?: string },
): Promise<SupplyIndexModel> {
  const [products, workCenters] = await Promise.all([
    productList(ports, { limit: INDEX_PAGE_SIZE, ...(cursors.products ? { cursor: cursors.products } : {}) }),
    workCenterList(ports, {
      limit: INDEX_PAGE_SIZE,
      ...(cursors.workCenters ? { cursor: cursors.workCenters } : {}),
    }),
  ]);
  return { products, workCenters };
}

export interface ConsoleProductModel {
  readonly product: Product;
  /** Names of the BOM's components, by SKU. */
  readonly componentNames: ReadonlyMap<string, string>;
  /** Availability for the chart window; `atp` lists the change days over the same window. */
  readonly supply: SkuSupply;
  readonly dependents: { readonly total: number; readonly orders: readonly DependentOrder[] };
}

export async function consoleProduct(ports: SupplyReadPorts, sku: string): Promise<ConsoleProductModel> {
  const [supply, dependents] = await Promise.all([skuSupply(ports, sku), dependentOrders(ports, { sku })]);
  const product = (await ports.product(sku)) as Product;
  const components = await ports.products(product.bom.map((line) => line.sku));
  const days = supply.days.slice(0, CHART_DAYS);
  const end = days.at(-1)?.date ?? supply.horizon.from;
  return {
    product,
    componentNames: new Map(
      [...components].map(([componentSku, component]) => [componentSku, component.name]),
    ),
    supply: { ...supply, days, atp: supply.atp.filter((day) => day.date <= end) },
    dependents,
  };
}

export interface ConsoleWorkCenterModel {
  readonly load: Awaited<ReturnType<typeof workCenterLoad>>;
  readonly dependents: { readonly total: number; readonly orders: readonly DependentOrder[] };
}

export async function consoleWorkCenter(ports: SupplyReadPorts, id: string): Promise<ConsoleWorkCenterModel> {
  const [load, dependents] = await Promise.all([
    workCenterLoad(ports, id, CHART_DAYS),
    dependentOrders(ports, { workCenter: id }),
  ]);
  return { load, dependents };
}
