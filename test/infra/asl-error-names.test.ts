import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/product-function.ts';
import * as errors from '../../functions/shared/errors.ts';
import { ORDER_CANCELLED } from '../../functions/usecases/order/common.ts';

type State = { Retry?: { ErrorEquals: string[] }[]; Catch?: { ErrorEquals: string[] }[] };
const definition = JSON.parse(
  readFileSync(path.join(PROJECT_ROOT, 'workflows/order-fulfillment.asl.json'), 'utf8'),
) as { States: Record<string, State> };

/** Error names a step can raise: our error classes (their name is the class name) and the cancellation. */
const raised = new Set([
  ...Object.values(errors)
    .filter((value): value is typeof errors.DomainError => typeof value === 'function')
    .map((errorClass) => errorClass.name),
  ORDER_CANCELLED,
]);

describe('the order workflow', () => {
  it('retries and catches only Step Functions errors and errors our code raises', () => {
    const unknown = Object.entries(definition.States).flatMap(([state, { Retry = [], Catch = [] }]) =>
      [...Retry, ...Catch]
        .flatMap((rule) => rule.ErrorEquals)
        .filter((name) => !name.startsWith('States.') && !name.startsWith('Lambda.') && !raised.has(name))
        .map((name) => `${state}: ${name}`),
    );

    expect(unknown).toEqual([]);
  });
});
