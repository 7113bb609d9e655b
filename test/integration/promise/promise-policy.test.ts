import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamo, tableName } from '../../../functions/adapters/dynamodb/client.ts';
import { reliabilityKey } from '../../../functions/adapters/dynamodb/entities/reliability.ts';
import { dynamoReliability } from '../../../functions/adapters/dynamodb/reliability-repository.ts';
import { getPlant, loadSnapshot } from '../../../functions/adapters/dynamodb/supply-repository.ts';
import type { PromisePolicy } from '../../../functions/domain/promise/types.ts';
import { learnFromEvent } from '../../../functions/usecases/promise/learn.ts';
import { quoteOrder, storeSupply } from '../../../functions/usecases/promise/index.ts';
import { dynamoPromiseDeps } from '../../../functions/usecases/promise/wiring.ts';
import { plant } from '../../unit/promise/support.ts';
import { NOW, stockedSku, unique, useFreshTable } from './fixtures.ts';

beforeAll(async () => {
  await useFreshTable();
});

const plantWith = (promisePolicy?: PromisePolicy) => plant(promisePolicy ? { promisePolicy } : {});

describe('the promise policy in the plant settings (DynamoDB Local)', () => {
  it('stores the policy with the plant and gives it back with every snapshot', async () => {
    const policy = { confidence: 0.97, tierAProtectedShare: 0.15, earlyWarning: true };

    const changed = await storeSupply({ plant: plantWith(policy) });

    expect(changed.plant).toBe(true);
    expect((await getPlant()).promisePolicy).toEqual(policy);
    expect((await loadSnapshot([], 'EU')).snapshot.plant.promisePolicy).toEqual(policy);
  });

  it.each([
    ['confidence', { confidence: 1 }, '0.999'],
    ['confidence', { confidence: 0.3 }, '0.5'],
    ['tierAProtectedShare', { tierAProtectedShare: 0.6 }, '0.5'],
    ['minimumObservations', { minimumObservations: 0 }, '1'],
  ])(
    'refuses %s out of its bounds naming the field and the bound, writing nothing',
    async (field, policy, bound) => {
      await storeSupply({ plant: plantWith({ confidence: 0.9 }) });

      const attempt = storeSupply({ plant: plantWith(policy) });

      await expect(attempt).rejects.toMatchObject({
        name: 'ValidationError',
        issues: [
          expect.objectContaining({
            path: `plant.promisePolicy.${field}`,
            message: expect.stringContaining(bound),
          }),
        ],
      });
      expect((await getPlant()).promisePolicy).toEqual({ confidence: 0.9 });
    },
  );

  it('refuses a field the policy does not know', async () => {
    const attempt = storeSupply({ plant: { ...plantWith(), promisePolicy: { confidance: 0.9 } } });

    await expect(attempt).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [expect.objectContaining({ path: 'plant.promisePolicy' })],
    });
  });
});

describe('lateness observations per risk key (DynamoDB Local)', () => {
  it('keeps every one of many observations recorded at once (conditional appends, none lost)', async () => {
    const store = dynamoReliability();
    const risk = { key: `supplier:${unique('SKU')}`, pool: unique('pool') };

    await Promise.all(
      Array.from({ length: 12 }, (_, index) => store.record(risk, `event-${index}`, index % 3)),
    );

    const histories = await store.histories([risk.key, risk.pool]);
    expect(histories.get(risk.key)?.sort()).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(histories.get(risk.pool)).toHaveLength(12);
  });

  it('counts a redelivered event once', async () => {
    const store = dynamoReliability();
    const risk = { key: `transport:${unique('R')}`, pool: unique('pool') };

    await store.record(risk, 'e-1', 2);
    await store.record(risk, 'e-1', 2);
    await Promise.all([store.record(risk, 'e-2', 5), store.record(risk, 'e-2', 5)]);

    expect((await store.histories([risk.key])).get(risk.key)).toEqual([2, 5]);
  });

  it('keeps only the most recent observations of a key, with their event ids', async () => {
    const store = dynamoReliability(3);
    const risk = { key: `production:${unique('B')}`, pool: unique('pool') };

    for (const [index, days] of [1, 2, 3, 4, 5].entries()) await store.record(risk, `e-${index}`, days);

    expect((await store.histories([risk.key])).get(risk.key)).toEqual([3, 4, 5]);
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName(), Key: reliabilityKey(risk.key) }),
    );
    expect(Item).toMatchObject({ ids: ['e-2', 'e-3', 'e-4'], days: [3, 4, 5] });
  });

  it('answers only the keys that have observations', async () => {
    const store = dynamoReliability();

    expect(await store.histories([`supplier:${unique('NONE')}`])).toEqual(new Map());
  });
});

describe('a quote under the policy, learned from an ERP event (DynamoDB Local)', () => {
  it('is later than the engine by the learned buffer and shows the engine date as likely', async () => {
    await storeSupply({ plant: plantWith({ confidence: 0.97, minimumObservations: 1 }) });
    const region = unique('R')
      .replace(/[^A-Za-z0-9-]/g, '')
      .slice(0, 20);
    await storeSupply({ transit: [{ region, days: 1 }] });
    const sku = await stockedSku(50);
    const subject = (orderId: string) => ({
      orderId,
      customerId: 'c1',
      region,
      acceptsSplitDelivery: false,
      lines: [{ sku, quantity: 1 }],
    });
    const teacher = unique('ord');
    const first = await quoteOrder(subject(teacher), NOW);
    // Picked up Monday, due Tuesday 24th; the carrier says Friday 27th: 3 business days late.
    await learnFromEvent(
      dynamoPromiseDeps(() => NOW),
      teacher,
      {
        eventId: unique('evt'),
        type: 'SHIPPED',
        occurredAt: NOW.toISOString(),
        data: { carrier: 'DHL', trackingNumber: 'T1', estimatedDelivery: '2026-11-27' },
      },
    );

    const next = await quoteOrder(subject(unique('ord')), NOW);

    expect(first.promise).toMatchObject({ date: '2026-11-24' });
    expect(first.promise.likelyDate).toBeUndefined();
    expect(next.promise).toMatchObject({ date: '2026-11-27', likelyDate: '2026-11-24', bufferDays: 3 });
  });
});
