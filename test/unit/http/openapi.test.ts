import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/shared/openapi.ts';

type Operation = {
  parameters: { name: string; in: string; schema: Record<string, unknown> }[];
  responses: Record<string, unknown>;
  requestBody?: { content: { 'application/json': { schema: Record<string, unknown> } } };
};
const document = openApiDocument();
const operation = (path: string, method: string) =>
  (document.paths[path] as Record<string, Operation>)[method] as Operation;

/** The JSON schema of a body at a dotted path through properties and items. */
function fieldSchema(schema: Record<string, unknown>, path: string): Record<string, unknown> {
  return path.split('.').reduce<Record<string, unknown>>((node, key) => {
    if (key === '[]') return node.items as Record<string, unknown>;
    return (node.properties as Record<string, Record<string, unknown>>)[key] as Record<string, unknown>;
  }, schema);
}

describe('the OpenAPI document', () => {
  it('gives the real success codes: 201 for an inquiry, 202 for a cancel', () => {
    expect(Object.keys(operation('/v1/inquiries', 'post').responses)).toContain('201');
    expect(Object.keys(operation('/v1/inquiries', 'post').responses)).not.toContain('200');
    expect(Object.keys(operation('/v1/orders/{id}/cancel', 'post').responses)).toContain('202');
  });

  it('documents the Idempotency-Key header where it is honoured', () => {
    const header = operation('/v1/inquiries', 'post').parameters.find((p) => p.name === 'Idempotency-Key');

    expect(header).toMatchObject({ in: 'header', schema: { type: 'string' } });
  });

  it('lists 409 (replayed signature) and 422 (out of range) for the ERP writes', () => {
    for (const [path, method] of [
      ['/v1/erp/supply', 'put'],
      ['/v1/erp/products/{sku}', 'put'],
      ['/v1/erp/events', 'post'],
    ] as const)
      expect(Object.keys(operation(path, method).responses)).toEqual(
        expect.arrayContaining(['400', '401', '409', '422']),
      );
  });

  it('gives the bounds that validation applies', () => {
    const supply = operation('/v1/erp/supply', 'put').requestBody?.content['application/json'].schema ?? {};

    expect(fieldSchema(supply, 'stock.[].onHand')).toMatchObject({ minimum: 0, maximum: 1_000_000_000 });
    expect(String(fieldSchema(supply, 'stock.[].onHand').description)).toContain('decimal places');
    expect(String(fieldSchema(supply, 'plant.timeZone').description)).toContain('IANA');
    expect(String(fieldSchema(supply, 'receipts.[].date').description)).toContain('2099-12-31');
    const id = operation('/v1/orders/{id}', 'get').parameters.find((p) => p.name === 'id');
    expect(id?.schema).toMatchObject({ type: 'string', pattern: expect.stringContaining('{1,64}') });
  });
});
