import { createHash, createHmac } from 'node:crypto';
import { requiredEnv } from '../config.ts';
import { secret } from '../../adapters/secrets/secret.ts';

/**
 * A customer's tracking token: HMAC-SHA256 of the order id under the tracking secret (256 bits,
 * unguessable without the secret). Only its hash is stored; every later message can re-derive
 * the link, so no one has to keep the token itself.
 */
export async function trackingTokenFor(orderId: string): Promise<string> {
  return createHmac('sha256', await secret('TRACKING_SECRET'))
    .update(orderId)
    .digest('base64url');
}

export const hashTrackingToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function trackingLink(
  orderId: string,
): Promise<{ token: string; url: string; tokenHash: string }> {
  const token = await trackingTokenFor(orderId);
  return {
    token,
    url: `${requiredEnv('PUBLIC_BASE_URL')}/v1/track/${token}`,
    tokenHash: hashTrackingToken(token),
  };
}
