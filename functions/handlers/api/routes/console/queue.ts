import type { z } from 'zod';
import type { RouteHandler } from '../../http/types.ts';
import { formFields, htmlPage } from '../../http/pages.ts';
import { assertConsoleForm, consoleFormToken, consoleLocale, consoleUser } from '../../http/console.ts';
import { ValidationError } from '../../../../shared/errors.ts';
import { bulkConfirm, confirmationQueue } from '../../../../usecases/order/console-queue.ts';
import { consoleQueueDeps } from '../../../../usecases/order/wiring.ts';
import { renderQueue } from '../../../../web/console/queue.ts';
import { SCRIPTED_PAGE_HEADERS } from '../../../../web/console/script.ts';

/** The queue page carries the console's script (keyboard shortcuts); its CSP admits exactly that. */
const queuePage = (status: number, body: string) => ({
  ...htmlPage(status, body),
  headers: SCRIPTED_PAGE_HEADERS,
});

/** The chosen orders, in a stable order: the confirm form's token is bound to exactly this list. */
const bulkPurpose = (orderIds: readonly string[]) => `bulk-confirm:${[...orderIds].sort().join(',')}`;

/** The confirmation queue, nearest escalation first, with a form to preview a bulk confirm. */
export const route: RouteHandler<z.ZodType, z.ZodType<Record<string, string | undefined>>> = {
  operationId: 'consoleQueue',
  audience: 'console',
  async handle({ principal, query }) {
    const user = consoleUser(principal);
    const deps = consoleQueueDeps();
    return queuePage(
      200,
      renderQueue(await confirmationQueue(deps), {
        locale: consoleLocale(query),
        now: deps.now(),
        logoutToken: await consoleFormToken(user, 'logout'),
        previewToken: await consoleFormToken(user, 'queue-preview'),
      }),
    );
  },
};

/**
 * The queue's two posts: `step=preview` shows what confirming the ticked orders changes (nothing is
 * written) with a form whose token fits exactly those orders; `step=confirm` confirms them, each
 * through the single-order use case, and shows which were confirmed and which were not (409 then).
 */
export const bulkRoute: RouteHandler<z.ZodType, z.ZodType<Record<string, string | undefined>>> = {
  operationId: 'consoleBulkConfirm',
  audience: 'console',
  async handle(request) {
    const user = consoleUser(request.principal);
    const form = formFields(request.rawBody);
    const ids = [...new Set(form.getAll('id'))];
    const step = form.get('step') === 'confirm' ? 'confirm' : 'preview';
    await assertConsoleForm(request, form, step === 'preview' ? 'queue-preview' : bulkPurpose(ids));
    if (ids.length === 0)
      throw new ValidationError('Select at least one order', [{ path: 'id', message: 'none selected' }]);
    const deps = consoleQueueDeps();
    const locale = consoleLocale(request.query);
    const context = {
      locale,
      now: deps.now(),
      logoutToken: await consoleFormToken(user, 'logout'),
      previewToken: await consoleFormToken(user, 'queue-preview'),
    };
    if (step === 'confirm') {
      const results = await bulkConfirm(deps, ids);
      const status = results.every((result) => result.ok) ? 200 : 409;
      return queuePage(status, renderQueue(await confirmationQueue(deps), { ...context, results }));
    }
    const queue = await confirmationQueue(deps);
    const entries = queue.filter((entry) => ids.includes(entry.orderId));
    const token = await consoleFormToken(user, bulkPurpose(entries.map((entry) => entry.orderId)));
    return queuePage(200, renderQueue(queue, { ...context, preview: { entries, token } }));
  },
};
