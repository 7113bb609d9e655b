import type { NeedsAttention, Order } from '../../domain/order/types.ts';
import { describeFailure, type WorkflowFailure } from '../../domain/order/attention.ts';
import { OPEN_STATUSES, isTerminal } from '../../domain/order/status.ts';
import { ConflictError } from '../../shared/errors.ts';
import { logger } from '../../shared/powertools/logger.ts';
import { finishCancellation } from './cancel.ts';
import { loadOrder, notice } from './common.ts';
import type { ExecutionState, OrderDeps } from './ports.ts';

export interface Problem {
  /** Error class or outcome name, for operators. */
  readonly error: string;
  /** The cause in words. */
  readonly cause: string;
}

/** Records the incident on the order; a repeat returns the open one. */
async function recordAttention(
  deps: OrderDeps,
  order: Order,
  problem: Problem,
  attempts = 3,
): Promise<{ order: Order; attention: NeedsAttention }> {
  const at = deps.now().toISOString();
  const incident = (order.attentionCount ?? 0) + 1;
  if (order.status === 'NEEDS_ATTENTION' && order.needsAttention)
    return { order, attention: order.needsAttention };
  if (isTerminal(order.status)) {
    // A finished order keeps its status (e.g. delivered, but its holds could not be released).
    if (order.needsAttention?.cause === problem.cause) return { order, attention: order.needsAttention };
    const attention: NeedsAttention = { ...problem, at, incident };
    await deps.orders.patchOrder(order.orderId, { needsAttention: attention, attentionCount: incident });
    await deps.orders.appendTimeline(order.orderId, {
      at,
      kind: `NEEDS_ATTENTION#${incident}`,
      summary: `Needs attention after it was ${order.status}: ${problem.cause}`,
    });
    return { order: { ...order, needsAttention: attention }, attention };
  }
  const attention: NeedsAttention = {
    ...problem,
    at,
    incident,
    previousStatus: order.status,
    ...(order.lastTransitionId ? { previousTransitionId: order.lastTransitionId } : {}),
  };
  const moved = await deps.orders.transitionOrder(order.orderId, {
    to: 'NEEDS_ATTENTION',
    id: `NEEDS_ATTENTION#${incident}`,
    at,
    summary: `Needs attention: ${problem.cause}`,
    patch: { needsAttention: attention, attentionCount: incident },
  });
  if (moved) return { order: { ...order, status: 'NEEDS_ATTENTION', needsAttention: attention }, attention };
  // It moved meanwhile (another step, a cancellation): look again at where it is now.
  if (attempts <= 1) throw new ConflictError(`Order ${order.orderId} kept changing; it could not be flagged`);
  return recordAttention(deps, await loadOrder(deps, order.orderId), problem, attempts - 1);
}

/**
 * Puts an order in front of people: status NEEDS_ATTENTION (the order list filters on it), the
 * cause in words on the order and its timeline, and one notice to the sales owner and operations
 * per incident. Safe to repeat: a repeat finds the incident open and its notice already claimed.
 * An order that had already finished keeps its status and only gets the flag and the notice.
 */
export async function needAttention(
  deps: OrderDeps,
  order: Order,
  problem: Problem,
): Promise<NeedsAttention> {
  const { order: current, attention } = await recordAttention(deps, order, problem);
  logger.warn('Order needs attention', { orderId: order.orderId, error: attention.error });
  await deps.notify(
    notice(current, 'NEEDS_ATTENTION', `incident-${attention.incident}`, {
      cause: attention.cause,
      error: attention.error,
      previousStatus: attention.previousStatus ?? current.status,
    }),
  );
  return attention;
}

/**
 * AlertOperators step: a step failed in a way the workflow cannot absorb.
 * 1. An order sales asked to cancel is cancelled instead: that is what the person wanted.
 * 2. Otherwise the order needs attention, with the failure in words; the execution then fails
 *    (OrderWorkflowFailed), which the cloud alarm watches.
 */
export async function alertOperators(
  deps: OrderDeps,
  input: { orderId: string; error?: WorkflowFailure; executionName?: string },
) {
  const order = await loadOrder(deps, input.orderId);
  if (order.cancelRequested && OPEN_STATUSES.concat('NEEDS_ATTENTION').includes(order.status)) {
    try {
      await finishCancellation(deps, order);
      return { alerted: false, cancelled: true };
    } catch (error) {
      logger.error('Cancellation after a workflow failure failed too', { orderId: order.orderId, error });
    }
  }
  const attention = await needAttention(deps, order, {
    error: input.error?.Error ?? 'Unknown',
    cause: describeFailure(input.error),
  });
  return { alerted: true, incident: attention.incident };
}

/** Longest a freshly named execution (a continuation, a retry) may take to start. */
const START_GRACE_MS = 60_000;

async function stateOfNamedExecution(deps: OrderDeps, order: Order): Promise<ExecutionState> {
  const state = await deps.workflow.state(order.executionName);
  const justNamed =
    order.executionNamedAt !== undefined &&
    deps.now().getTime() - Date.parse(order.executionNamedAt) < START_GRACE_MS;
  return state === 'MISSING' && justNamed ? 'RUNNING' : state;
}

/**
 * Whether an execution runs for the order; a name given a moment ago counts as running while it
 * starts. The order may have been read just before its execution continued as new: ContinueAsNew
 * names the successor before the old execution ends, so when the named one has ended, the order
 * read again names the one that runs now.
 */
export async function workflowState(deps: OrderDeps, order: Order): Promise<ExecutionState> {
  const state = await stateOfNamedExecution(deps, order);
  if (state === 'RUNNING') return state;
  const current = await loadOrder(deps, order.orderId);
  return current.executionName === order.executionName ? state : stateOfNamedExecution(deps, current);
}

/**
 * Before a person's action that only a running workflow can carry out: when the order's execution
 * has ended (failed, stopped, or forgotten) while the order looks as if it waits, the order goes in
 * front of people and the action gets a 409 saying why; nothing of the action is written.
 */
export async function requireRunningWorkflow(deps: OrderDeps, order: Order, refusal: string): Promise<void> {
  const state = await workflowState(deps, order);
  if (state === 'RUNNING') return;
  await needAttention(deps, order, {
    error: 'WorkflowNotRunning',
    cause: `The order's workflow is not running (${state.toLowerCase()}) although the order is ${order.status}; nothing moves it on by itself`,
  });
  throw new ConflictError(refusal, { workflow: state });
}
