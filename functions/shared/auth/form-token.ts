import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { secret } from '../../adapters/secrets/secret.ts';

/** How long a form on a page can be sent back: long enough to read a quote, short enough to go stale. */
const FORM_TOKEN_SECONDS = 24 * 3600;

const mac = async (...parts: string[]) =>
  createHmac('sha256', await secret('TRACKING_SECRET'))
    .update(parts.join('|'))
    .digest('base64url');

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Anti-forgery token of one form: a per-form nonce with its issue time, bound by HMAC to the
 * tracking token's hash and the form's purpose. A page from another site cannot read it, and it
 * does not fit another order or another form. Nothing is stored: the server re-derives it.
 */
export async function formToken(tokenHash: string, purpose: string, now = new Date()): Promise<string> {
  const nonce = `${Math.floor(now.getTime() / 1000)}.${randomBytes(9).toString('base64url')}`;
  return `${nonce}.${await mac('form', tokenHash, purpose, nonce)}`;
}

export async function formTokenValid(
  token: string | undefined,
  tokenHash: string,
  purpose: string,
  now = new Date(),
): Promise<boolean> {
  const [issued, random, signature] = (token ?? '').split('.');
  if (!issued || !random || !signature || !/^\d+$/.test(issued)) return false;
  const age = now.getTime() / 1000 - Number(issued);
  if (age < -60 || age > FORM_TOKEN_SECONDS) return false;
  return same(signature, await mac('form', tokenHash, purpose, `${issued}.${random}`));
}

/**
 * Signature that ties a contact to the links of one message: an unsubscribe or settings link
 * works for that contact only, so one order's link cannot change another contact's settings.
 */
export async function contactSignature(orderId: string, contactId: string): Promise<string> {
  return (await mac('contact', orderId, contactId)).slice(0, 22);
}

export async function contactSignatureValid(orderId: string, contactId: string, signature: unknown) {
  return typeof signature === 'string' && same(signature, await contactSignature(orderId, contactId));
}
