import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../../functions/shared/errors.ts';
import { checkHealth } from '../../../functions/usecases/health/check-health.ts';

const now = () => new Date('2026-12-02T10:00:00Z');

describe('checkHealth', () => {
  it('is ok when the table is active', async () => {
    const health = await checkHealth({ now, tableStatus: async () => ({ status: 'ACTIVE' }) });

    expect(health).toEqual({ status: 'ok', time: '2026-12-02T10:00:00.000Z', checks: { table: 'ACTIVE' } });
  });

  it('is unavailable, naming the cause, when the table cannot be reached', async () => {
    const attempt = checkHealth({
      now,
      tableStatus: async () => ({ status: 'UNREACHABLE', error: 'TimeoutError' }),
    });

    await expect(attempt).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(attempt).rejects.toThrow('UNREACHABLE: TimeoutError');
  });

  it('is unavailable while the table is not active yet', async () => {
    const attempt = checkHealth({ now, tableStatus: async () => ({ status: 'CREATING' }) });

    await expect(attempt).rejects.toMatchObject({ status: 503 });
  });
});
