import type { OrderDeps } from './ports.ts';

/** ContinueAsNew step: start the next execution of this order at the stage it waits for. */
export async function continueAsNew(
  deps: OrderDeps,
  input: { orderId: string; executionName: string; settings: unknown; counters: unknown; next: unknown },
) {
  // Continued from the execution's own name, so a retried order's `<id>--r1` goes on as `<id>--r1--c2`
  // and never collides with a name an earlier execution of the order used.
  const match = /^(.*)--c(\d+)$/.exec(input.executionName);
  const generation = match ? Number(match[2]) + 1 : 2;
  const executionName = `${match ? match[1] : input.executionName}--c${generation}`;
  // Named first, so the next continuation can only be named after this one; until it has started
  // (a moment), workflowState counts the fresh name as running.
  await deps.orders.patchOrder(input.orderId, { executionName, executionNamedAt: deps.now().toISOString() });
  await deps.workflow.start(executionName, {
    orderId: input.orderId,
    settings: input.settings,
    counters: input.counters,
    next: input.next,
    completed: null,
  });
  return { executionName };
}
