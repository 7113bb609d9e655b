/**
 * Promise records and the dependency index in memory, with the same compare-and-swap as the
 * DynamoDB adapter (a first record only if none exists, a later one only at the revision read),
 * for unit tests of the promise use cases, the simulator and the cross-check.
 */
import type { PromiseRecord } from '../../domain/promise/records.ts';
import { ConcurrentChangeError } from '../../shared/errors.ts';
import type { Dependencies, PromiseRecordContent, PromiseRecordStore } from '../../usecases/promise/ports.ts';
import { copy } from './copy.ts';

/** The same four kinds of key as GSI3 (adapters/dynamodb/entities/promise.ts). */
const dependencyKeys = (on: Dependencies): string[] => [
  ...on.skus.map((sku) => `SKU#${sku}`),
  ...on.workCenters.map((id) => `WC#${id}`),
  ...(on.regions ?? []).map((region) => `REGION#${region}`),
  ...(on.plant ? ['PLANT#plant'] : []),
];

export class MemoryPromiseRecords implements PromiseRecordStore {
  private readonly records = new Map<string, PromiseRecord>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly dependenciesOf = new Map<string, Set<string>>();

  /** Every stored record (copies), for reports and checks. */
  all(): PromiseRecord[] {
    return [...this.records.values()].map(copy);
  }

  /** The current revision's write check, shared with a supply commit that writes a record with its holds. */
  assertWritable(next: PromiseRecordContent, read?: Pick<PromiseRecord, 'revision'>): void {
    const stored = this.records.get(next.orderId);
    if (read === undefined ? stored !== undefined : stored?.revision !== read.revision)
      throw new ConcurrentChangeError(`The promise of ${next.orderId} changed meanwhile`);
  }

  /** Writes after assertWritable passed; the revision is bumped from the one read. */
  write(next: PromiseRecordContent, read?: Pick<PromiseRecord, 'revision'>): PromiseRecord {
    const stored = { ...copy(next), revision: (read?.revision ?? 0) + 1 } as PromiseRecord;
    this.records.set(next.orderId, stored);
    return copy(stored);
  }

  async get(orderId: string) {
    const record = this.records.get(orderId);
    return record && copy(record);
  }

  async getMany(orderIds: readonly string[]) {
    return orderIds.flatMap((orderId) => {
      const record = this.records.get(orderId);
      return record ? [copy(record)] : [];
    });
  }

  async put(next: PromiseRecordContent, read?: Pick<PromiseRecord, 'revision'>) {
    this.assertWritable(next, read);
    return this.write(next, read);
  }

  async writeDependencies(orderId: string, dependsOn: Dependencies) {
    const own = this.dependenciesOf.get(orderId) ?? new Set<string>();
    for (const key of dependencyKeys(dependsOn)) {
      own.add(key);
      const orders = this.dependents.get(key) ?? new Set<string>();
      orders.add(orderId);
      this.dependents.set(key, orders);
    }
    this.dependenciesOf.set(orderId, own);
  }

  async deleteDependencies(orderId: string) {
    for (const key of this.dependenciesOf.get(orderId) ?? []) this.dependents.get(key)?.delete(orderId);
    this.dependenciesOf.delete(orderId);
  }

  async findDependents(changed: Dependencies) {
    const orders = new Set<string>();
    for (const key of dependencyKeys(changed))
      for (const orderId of this.dependents.get(key) ?? []) orders.add(orderId);
    return [...orders].sort();
  }
}
