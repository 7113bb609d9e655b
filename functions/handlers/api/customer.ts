import { createApiHandler } from './http/api-handler.ts';
import { route as decideQuote } from './routes/decide-quote.ts';
import { route as putPreferences } from './routes/put-preferences.ts';
import { route as trackOrder } from './routes/track-order.ts';
import { route as unsubscribe } from './routes/unsubscribe.ts';

export const handler = createApiHandler('CustomerApi', [
  trackOrder,
  decideQuote,
  putPreferences,
  unsubscribe,
]);
