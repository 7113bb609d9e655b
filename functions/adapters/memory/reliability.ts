/**
 * Lateness observations per risk key in memory, with the DynamoDB adapter's guarantees (once per
 * observation id, the last `window` kept), for unit tests of the promise use cases.
 */
import { DEFAULT_RELIABILITY, type RiskKey } from '../../domain/promise/reliability.ts';
import type { ReliabilityStore } from '../../usecases/promise/ports.ts';

export class MemoryReliability implements ReliabilityStore {
  private readonly kept = new Map<string, { ids: string[]; days: number[] }>();

  constructor(private readonly window = DEFAULT_RELIABILITY.window) {}

  async record(risk: RiskKey, observationId: string, businessDaysLate: number): Promise<void> {
    for (const key of new Set([risk.key, risk.pool])) {
      const stored = this.kept.get(key) ?? { ids: [], days: [] };
      if (stored.ids.includes(observationId)) continue;
      this.kept.set(key, {
        ids: [...stored.ids, observationId].slice(-this.window),
        days: [...stored.days, businessDaysLate].slice(-this.window),
      });
    }
  }

  async histories(keys: readonly string[]): Promise<Map<string, number[]>> {
    return new Map(
      keys.flatMap((key) => {
        const stored = this.kept.get(key);
        return stored ? [[key, [...stored.days]] as const] : [];
      }),
    );
  }
}
