import { sweepDueNotifications } from '../../usecases/notify/index.ts';

/** Runs on a schedule: sends messages held for quiet hours and retries claims a crash left unsent. */
export async function handler(): Promise<{ sent: number }> {
  return { sent: await sweepDueNotifications() };
}
