/**
 * When to try a message again that could not be sent yet: each round of quick tries that failed
 * doubles the wait, from a minute up to about an hour, and after enough rounds the message counts
 * as failed, so it goes by the other channel and sales hear about it instead of it waiting forever.
 */

/** Sends tried at once, a moment apart, before a message is left for the sweeper. */
export const QUICK_TRIES = 3;
/** Rounds of quick tries before a send that keeps failing transiently is given up. */
export const ROUNDS_BEFORE_GIVING_UP = 8;
const FIRST_WAIT_MS = 60_000;
const LONGEST_WAIT_MS = 64 * FIRST_WAIT_MS;

/** The wait after `attempts` tries in all (a multiple of QUICK_TRIES after each round). */
export function retryDelayMs(attempts: number): number {
  const rounds = Math.max(1, Math.ceil(attempts / QUICK_TRIES));
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (rounds - 1));
}

/** True once a message has had all its rounds. */
export const shouldGiveUp = (attempts: number): boolean => attempts >= QUICK_TRIES * ROUNDS_BEFORE_GIVING_UP;
