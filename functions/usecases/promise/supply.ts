import type { z } from 'zod';
import {
  applySupplyUpdate,
  putProduct,
  type SupplyChanges,
} from '../../adapters/dynamodb/supply-repository.ts';
import { productSchema, skuCode, supplySchema } from '../../shared/schemas/supply.ts';
import { ValidationError, type FieldIssue } from '../../shared/errors.ts';

const issuesOf = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));

/**
 * Stores a product pushed by the ERP. Validates first (ValidationError names the field, nothing is
 * written); an identical product writes nothing and reports `changed: false`.
 */
export async function storeProduct(sku: string, input: unknown): Promise<{ sku: string; changed: boolean }> {
  const path = skuCode.safeParse(sku);
  if (!path.success)
    throw new ValidationError('Invalid SKU in the path', [
      { path: 'sku', message: issuesOf(path.error)[0]?.message ?? 'invalid' },
    ]);
  const parsed = productSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('The product is invalid', issuesOf(parsed.error));
  const product = parsed.data;
  const selfIndex = product.bom.findIndex((line) => line.sku === sku);
  if (selfIndex >= 0)
    throw new ValidationError('A product cannot contain itself', [
      { path: `bom.${selfIndex}.sku`, message: `is the product itself (${sku})` },
    ]);
  // zod leaves absent optionals out, so the stored item never carries explicit undefineds.
  const changed = await putProduct({ sku, ...product });
  return { sku, changed };
}

/**
 * Stores stock, receipts, capacity calendars, transit times and plant settings pushed by the ERP.
 * Validates first (ValidationError, nothing written); unknown SKUs are refused before any write
 * (SupplyDataError). Returns what actually changed: a repeated identical update changes nothing.
 */
export async function storeSupply(input: unknown): Promise<SupplyChanges> {
  const parsed = supplySchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('The supply update is invalid', issuesOf(parsed.error));
  return applySupplyUpdate(parsed.data);
}
