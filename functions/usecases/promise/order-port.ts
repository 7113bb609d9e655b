import type { PromisePort } from '../order/ports.ts';
import { learnFromEvent } from './learn.ts';
import type { PromiseDeps } from './ports.ts';
import { adjustPromise, quoteOrder, recheckAfterEvent } from './quote.ts';
import { releaseForOrder, reserveForOrder } from './reserve.ts';

/** The order use cases' promise port, on the promise use cases over these ports. */
export function orderPromisePort(deps: PromiseDeps): PromisePort {
  return {
    quote: (order, customer) =>
      quoteOrder(deps, {
        orderId: order.orderId,
        customerId: order.customerId,
        region: customer.region,
        acceptsSplitDelivery: customer.acceptsSplitDelivery,
        lines: order.lines,
        tier: customer.tier,
        ...(order.requestedDate ? { requestedDate: order.requestedDate } : {}),
      }),
    reserve: (order) => reserveForOrder(deps, order.orderId),
    release: (orderId) => releaseForOrder(deps, orderId),
    current: async (orderId) => (await deps.records.get(orderId))?.promise,
    adjust: (orderId, date, reason, override) => adjustPromise(deps, orderId, date, reason, override),
    recheckAfterEvent: async (order, event) => {
      // What the event says about the path's lateness is learned first: its retry relearns nothing.
      if (event.eventId) await learnFromEvent(deps, order.orderId, { ...event, eventId: event.eventId });
      return recheckAfterEvent(deps, order.orderId, event);
    },
    plantTimeZone: () => deps.supply.plantTimeZone(),
  };
}
