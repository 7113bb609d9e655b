import { getOrder } from '../../adapters/dynamodb/order-repository.ts';
import { findDependents } from '../../adapters/dynamodb/promise-repository.ts';
import {
  getProduct,
  getProducts,
  isCursorOf,
  listProducts,
} from '../../adapters/dynamodb/product-repository.ts';
import { PRODUCT_LIST_PARTITION } from '../../adapters/dynamodb/entities/product.ts';
import { WORK_CENTER_LIST_PARTITION } from '../../adapters/dynamodb/entities/work-center.ts';
import { readStock } from '../../adapters/dynamodb/stock-repository.ts';
import { getPlant, mapWithLimit } from '../../adapters/dynamodb/supply-repository.ts';
import { listWorkCenters, readWorkCenter } from '../../adapters/dynamodb/work-center-repository.ts';
import type { Order } from '../../domain/order/types.ts';
import type { SupplyReadPorts } from './ports.ts';

/** The supply views bound to DynamoDB and the system clock. */
export const supplyReadPorts: SupplyReadPorts = {
  now: () => new Date(),
  plant: getPlant,
  product: getProduct,
  products: getProducts,
  productPage: listProducts,
  stock: readStock,
  workCenter: readWorkCenter,
  workCenterPage: listWorkCenters,
  isCursorOf: (list, cursor) =>
    isCursorOf(list === 'products' ? PRODUCT_LIST_PARTITION : WORK_CENTER_LIST_PARTITION, cursor),
  dependents: (on) =>
    findDependents(
      'sku' in on ? { skus: [on.sku], workCenters: [] } : { skus: [], workCenters: [on.workCenter] },
    ),
  orders: async (ids) =>
    (await mapWithLimit(ids, 16, getOrder)).filter((order): order is Order => Boolean(order)),
};
