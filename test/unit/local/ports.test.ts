import { describe, expect, it } from 'vitest';
import { assertPortFree, PortInUseError, reservePort } from '../../../infra/local/ports.ts';

describe('a reserved port', () => {
  it('cannot be taken by anyone else until it is released, and then can', async () => {
    const reserved = await reservePort();
    await expect(assertPortFree(reserved.port, 'a test')).rejects.toBeInstanceOf(PortInUseError);
    await reserved.release();
    await reserved.release(); // releasing twice (once by the runtime, once on stop) is harmless
    await expect(assertPortFree(reserved.port, 'a test')).resolves.toBeUndefined();
  });
});
