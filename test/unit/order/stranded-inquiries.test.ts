import { describe, expect, it } from 'vitest';
import type { Order } from '../../../functions/adapters/dynamodb/entities/order.ts';
import type { ExecutionState } from '../../../functions/usecases/order/ports.ts';
import { restartStrandedInquiries } from '../../../functions/usecases/order/stranded-inquiries.ts';

const NOW = new Date('2026-12-02T10:00:00Z');
const settings = {
  quoteValiditySeconds: 600,
  salesEscalationSeconds: 300,
  orderValueThreshold: 50_000,
  overdueRecheckSeconds: 60,
  continueAsNewAfterSeconds: 86_400,
};
const inquiry = (orderId: string, createdAt: string) =>
  ({ orderId, executionName: orderId, status: 'INQUIRY_RECEIVED', createdAt }) as Order;

function harness(orders: Order[], executions: Record<string, ExecutionState>) {
  const starts: { name: string; input: unknown }[] = [];
  const asked: string[] = [];
  const deps = {
    now: () => NOW,
    settings,
    workflow: {
      start: async (name: string, input: unknown) => void starts.push({ name, input }),
      state: async (name: string) => executions[name] ?? ('MISSING' as const),
    },
    receivedBefore: async (before: string) => {
      asked.push(before);
      return orders.filter((order) => order.createdAt < before);
    },
  };
  return { deps, starts, asked };
}

describe('restartStrandedInquiries', () => {
  it('starts the workflow of an inquiry over a minute old that has no execution, with the inquiry input', async () => {
    const { deps, starts } = harness([inquiry('ord_a', '2026-12-02T09:58:00Z')], {});

    const result = await restartStrandedInquiries(deps);

    expect(result.started).toEqual(['ord_a']);
    expect(starts).toEqual([
      {
        name: 'ord_a',
        input: {
          orderId: 'ord_a',
          settings: { salesEscalationSeconds: 300, quoteValiditySeconds: 600 },
          counters: { escalations: 0, overdue: 0 },
          completed: null,
        },
      },
    ]);
  });

  it('asks only for inquiries created more than a minute before now', async () => {
    const { deps, asked, starts } = harness([inquiry('ord_new', '2026-12-02T09:59:30Z')], {});

    await restartStrandedInquiries(deps);

    expect(asked).toEqual(['2026-12-02T09:59:00.000Z']);
    expect(starts).toEqual([]);
  });

  it('leaves alone an inquiry whose execution runs or has ended', async () => {
    const { deps, starts } = harness(
      [inquiry('ord_running', '2026-12-02T09:50:00Z'), inquiry('ord_failed', '2026-12-02T09:50:00Z')],
      { ord_running: 'RUNNING', ord_failed: 'FAILED' },
    );

    const result = await restartStrandedInquiries(deps);

    expect(result.started).toEqual([]);
    expect(starts).toEqual([]);
  });
});
