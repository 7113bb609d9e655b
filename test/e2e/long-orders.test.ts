import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/api-client.ts';
import { erpEvent, orderStatus, trackingPathFromMail, untilStatus } from '../../infra/local/scenario.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';

/**
 * A make-to-order lead time can outlast Step Functions' one-year limit on an execution. Here an
 * execution "gets old" after one second, so the order must carry on in fresh executions and still
 * finish with every stage applied once.
 */
let runtime: RunningRuntime;
beforeAll(async () => {
  runtime = await startRuntimeProcess({ env: { CONTINUE_AS_NEW_AFTER_SECONDS: '1' } });
}, 200_000);
afterAll(async () => {
  await runtime?.stop();
});

describe('orders that outlive one execution', { timeout: 120_000 }, () => {
  it('continue in a new execution at the stage they wait for, and still finish once', async () => {
    const { body } = await runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
      customerId: 'acme',
      lines: [{ sku: 'VALVE-10', quantity: 5 }],
    });
    const orderId = body.orderId;
    await untilStatus(runtime.api, orderId, 'QUOTED');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await runtime.api.customer('POST', `${await trackingPathFromMail(runtime.session, orderId)}/decision`, {
      decision: 'accept',
    });
    await untilStatus(runtime.api, orderId, 'MATERIAL_PREP');
    await waitFor('a continued execution', async () => {
      const view = await runtime.api.sales<{ executionName: string }>('GET', `/v1/orders/${orderId}`);
      return /--c\d+$/.test(view.body.executionName);
    });
    for (const type of [
      'MATERIALS_READY',
      'PRODUCTION_STARTED',
      'PRODUCTION_COMPLETED',
      'SHIPPED',
      'DELIVERED',
    ]) {
      const data =
        type === 'SHIPPED'
          ? { carrier: 'DB Schenker', trackingNumber: 'S-1', estimatedDelivery: '2026-12-30' }
          : {};
      expect((await runtime.api.erp('POST', '/v1/erp/events', erpEvent(orderId, type, data))).status).toBe(
        200,
      );
    }
    await untilStatus(runtime.api, orderId, 'DELIVERED');
    const order = await orderStatus(runtime.api, orderId);
    const stages = order.timeline
      .filter((entry) => entry.kind.startsWith('STATUS_'))
      .map((entry) => entry.kind);
    expect(stages).toEqual([
      'STATUS_QUOTED#v1',
      'STATUS_ORDER_CONFIRMED',
      'STATUS_MATERIAL_PREP',
      'STATUS_IN_PRODUCTION',
      'STATUS_SHIPPED',
      'STATUS_DELIVERED',
    ]);
  });
});
