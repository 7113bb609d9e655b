import { createApiHandler } from './http/api-handler.ts';
import { route as decideQuote } from './routes/decide-quote.ts';
import { route as decideQuoteForm } from './routes/quote-form.ts';
import { route as requestFreshLink } from './routes/fresh-link.ts';
import { route as requestNewQuoteForm } from './routes/new-quote-form.ts';
import { route as preferencesPage } from './routes/preferences-page.ts';
import { route as putPreferences } from './routes/put-preferences.ts';
import { route as savePreferencesForm } from './routes/preferences-form.ts';
import { route as trackOrder } from './routes/track-order.ts';
import { route as unsubscribe } from './routes/unsubscribe.ts';
import { route as unsubscribeOneClick } from './routes/unsubscribe-one-click.ts';

export const handler = createApiHandler('CustomerApi', [
  trackOrder,
  decideQuote,
  putPreferences,
  unsubscribe,
  decideQuoteForm,
  requestNewQuoteForm,
  preferencesPage,
  savePreferencesForm,
  unsubscribeOneClick,
  requestFreshLink,
]);
