/**
 * The promise use cases' ports in memory, on a clock the test moves: records, the dependency index
 * and supply with the same conditions as DynamoDB, and no AWS.
 */
import { MemoryPromiseRecords } from '../../../functions/adapters/memory/promise-records.ts';
import { MemoryReliability } from '../../../functions/adapters/memory/reliability.ts';
import { MemorySupplyRepository } from '../../../functions/adapters/memory/supply-repository.ts';
import type { PromiseDeps } from '../../../functions/usecases/promise/ports.ts';

export interface MemoryPromiseWorld {
  readonly deps: PromiseDeps;
  readonly records: MemoryPromiseRecords;
  readonly supply: MemorySupplyRepository;
  readonly reliability: MemoryReliability;
  setNow(iso: string): void;
}

export function memoryPromiseWorld(options: {
  now: string;
  holdsPerTransaction?: number;
}): MemoryPromiseWorld {
  let now = new Date(options.now);
  const records = new MemoryPromiseRecords();
  const supply = new MemorySupplyRepository(records, options);
  const reliability = new MemoryReliability();
  return {
    deps: { now: () => new Date(now), records, supply, reliability },
    records,
    supply,
    reliability,
    setNow: (iso) => void (now = new Date(iso)),
  };
}
