import { logger } from '../../shared/powertools/logger.ts';
import type { CustomerLinkDeps } from './ports.ts';

/**
 * Someone holding an old link asks for a fresh one. The answer is the same whatever happens, so it
 * tells nothing about whether the link belonged to an order.
 * 1. Find the order of the old token; nothing more happens for an unknown token.
 * 2. At most one fresh link per order and day (a conditional write), so the button cannot flood anyone.
 * 3. Store the new token's hash with its issue time, and email the link to the order's contacts.
 */
export async function sendFreshLink(deps: CustomerLinkDeps, oldToken: string): Promise<void> {
  if (!/^[A-Za-z0-9_-]{40,64}$/.test(oldToken)) return;
  const track = await deps.tracks.get(deps.links.hash(oldToken));
  const order = track && (await deps.orders.get(track.orderId));
  if (!track || !order) return;
  const now = deps.now();
  const day = now.toISOString().slice(0, 10);
  const keepUntil = Math.floor(now.getTime() / 1000) + 2 * 86_400;
  if (!(await deps.tracks.claimFreshLink(order.orderId, day, keepUntil))) {
    logger.info('Fresh link already sent today', { orderId: order.orderId });
    return;
  }
  const generation = Math.floor(now.getTime() / 1000);
  const tokenHash = await deps.links.trackingHash(order.orderId, generation);
  await deps.tracks.put(tokenHash, { orderId: order.orderId, issuedAt: now.toISOString(), generation });
  await deps.notify({
    orderId: order.orderId,
    customerId: order.customerId,
    kind: 'FRESH_LINK',
    occurrence: `g${generation}`,
    facts: { orderId: order.orderId, linkGeneration: generation },
  });
}
