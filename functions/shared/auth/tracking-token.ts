import { createHash, createHmac } from 'node:crypto';
import { requiredEnv } from '../config.ts';
import { secret } from '../../adapters/secrets/secret.ts';

/**
 * A customer's tracking token: HMAC-SHA256 of the order id under the tracking secret (256 bits,
 * unguessable without the secret). Only its hash is stored; every later message re-derives the
 * link at send time, so no one has to keep the token (or the link) itself. A fresh link, sent when
 * an old one has run out, is generation 1, 2, ...: a different token with its own lifetime.
 */
export async function trackingTokenFor(orderId: string, generation = 0): Promise<string> {
  return createHmac('sha256', await secret('TRACKING_SECRET'))
    .update(generation ? `${orderId}#${generation}` : orderId)
    .digest('base64url');
}

export const hashTrackingToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function trackingLink(
  orderId: string,
  generation = 0,
): Promise<{ token: string; url: string; tokenHash: string }> {
  const token = await trackingTokenFor(orderId, generation);
  return {
    token,
    url: `${requiredEnv('PUBLIC_BASE_URL')}/v1/track/${token}`,
    tokenHash: hashTrackingToken(token),
  };
}

/** Days a link keeps working after its order ended (setting `TRACKING_LINK_DAYS`, default 90). */
export const trackingLinkDays = (): number => {
  const days = Number(process.env.TRACKING_LINK_DAYS ?? 90);
  return Number.isFinite(days) && days > 0 ? days : 90;
};
