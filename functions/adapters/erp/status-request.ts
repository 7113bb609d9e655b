import { secret } from '../secrets/secret.ts';
import { signBody } from '../../shared/auth/hmac.ts';
import { optionalEnv } from '../../shared/config.ts';
import { logger } from '../../shared/powertools/logger.ts';

export interface StatusRequest {
  readonly orderId: string;
  readonly stage: string;
  readonly missedDeadlineCount: number;
  readonly requestedAt: string;
}

/**
 * Asks the ERP for an order's status by posting to its webhook (ERP_WEBHOOK_URL), signed with the
 * same HMAC scheme the ERP uses towards us. Best effort: a missing webhook or a failing ERP is
 * reported, never thrown, because the order being at risk must not depend on the ERP answering.
 */
export async function requestErpStatus(
  request: StatusRequest,
): Promise<'sent' | 'not-configured' | 'failed'> {
  const url = optionalEnv('ERP_WEBHOOK_URL', '');
  if (!url) return 'not-configured';
  const body = JSON.stringify({ type: 'STATUS_REQUESTED', ...request });
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature': `t=${timestamp},v1=${signBody(await secret('ERP_SECRET'), body, timestamp)}`,
      },
      body,
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`ERP answered ${response.status}`);
    return 'sent';
  } catch (error) {
    logger.warn('ERP status request failed', {
      orderId: request.orderId,
      stage: request.stage,
      detail: (error as Error).message,
    });
    return 'failed';
  }
}
