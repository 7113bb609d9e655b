import type { z } from 'zod';
import type { Product } from '../../domain/promise/types.ts';
import { productSchema, skuCode, supplySchema } from '../../shared/schemas/supply.ts';
import { UnprocessableContentError, ValidationError, type FieldIssue } from '../../shared/errors.ts';
import type { PromiseDeps, SupplyChanges, SupplyRepository } from './ports.ts';

const issuesOf = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));

/**
 * Stores a product pushed by the ERP. Validates first (ValidationError names the field, nothing is
 * written); an identical product writes nothing and reports `changed: false`.
 */
export async function storeProduct(
  deps: Pick<PromiseDeps, 'supply'>,
  sku: string,
  input: unknown,
): Promise<{ sku: string; changed: boolean }> {
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
  const candidate: Product = { sku, ...product };
  const problems = await masterDataProblems(deps.supply, candidate);
  if (problems.length)
    throw new UnprocessableContentError('The product refers to master data that does not fit', problems);
  const changed = await deps.supply.putProduct(candidate);
  return { sku, changed };
}

/** BOM levels followed when looking for a cycle: far deeper than any real product. */
const MAX_BOM_LEVELS = 50;

/**
 * What a product refers to that would make every promise for it fail: BOM components that are not
 * products, work centers without a calendar, and a BOM that leads back to the product (A -> B -> A).
 * Checked against what is stored, before anything is written.
 */
async function masterDataProblems(supply: SupplyRepository, product: Product): Promise<FieldIssue[]> {
  const components = await supply.getProducts(product.bom.map((line) => line.sku));
  const centers = await supply.definedWorkCenters(product.routing.map((step) => step.workCenter));
  const problems: FieldIssue[] = [];
  product.bom.forEach((line, index) => {
    if (!components.has(line.sku))
      problems.push({ path: `bom.${index}.sku`, message: `no product ${line.sku}: put the component first` });
  });
  product.routing.forEach((step, index) => {
    if (!centers.has(step.workCenter))
      problems.push({
        path: `routing.${index}.workCenter`,
        message: `no work center ${step.workCenter}: send its capacity in PUT /v1/erp/supply first`,
      });
  });
  return problems.length ? problems : bomCycle(supply, product);
}

/** Follows the stored BOMs level by level from the product's components; a way back is a cycle. */
async function bomCycle(supply: SupplyRepository, product: Product): Promise<FieldIssue[]> {
  // Each SKU reached, with the first of the product's BOM lines it was reached through.
  const reachedFrom = new Map<string, number>(product.bom.map((line, index) => [line.sku, index]));
  let level = [...reachedFrom.keys()];
  for (let depth = 0; level.length && depth < MAX_BOM_LEVELS; depth += 1) {
    const products = await supply.getProducts(level);
    const next: string[] = [];
    for (const sku of level) {
      for (const line of products.get(sku)?.bom ?? []) {
        const index = reachedFrom.get(sku) ?? 0;
        if (line.sku === product.sku) {
          const via = product.bom[index]?.sku;
          const path =
            via === sku ? [product.sku, sku, product.sku] : [product.sku, via, '...', sku, product.sku];
          return [{ path: `bom.${index}.sku`, message: `makes a BOM cycle: ${path.join(' -> ')}` }];
        }
        if (!reachedFrom.has(line.sku)) {
          reachedFrom.set(line.sku, index);
          next.push(line.sku);
        }
      }
    }
    level = next;
  }
  return [];
}

/**
 * Stores stock, receipts, capacity calendars, transit times and plant settings pushed by the ERP.
 * Validates first (ValidationError, nothing written); unknown SKUs are refused before any write
 * (SupplyDataError). Returns what actually changed: a repeated identical update changes nothing.
 */
export async function storeSupply(deps: Pick<PromiseDeps, 'supply'>, input: unknown): Promise<SupplyChanges> {
  const parsed = supplySchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('The supply update is invalid', issuesOf(parsed.error));
  return deps.supply.applySupplyUpdate(parsed.data);
}
