import { getCustomer } from '../../adapters/dynamodb/customer-repository.ts';
import {
  dynamoOrderRepository,
  listInquiriesReceivedBefore,
} from '../../adapters/dynamodb/order-repository.ts';
import { getPlant, getProducts } from '../../adapters/dynamodb/supply-repository.ts';
import {
  executionState,
  failTask,
  resumeTask,
  startOrderWorkflow,
  stopExecution,
} from '../../adapters/sfn/workflow.ts';
import { requestErpStatus } from '../../adapters/erp/status-request.ts';
import { trackingLink } from '../../shared/auth/tracking-token.ts';
import { numberEnv, optionalEnv } from '../../shared/config.ts';
import { notify } from '../notify/index.ts';
import { orderPromisePort } from '../promise/order-port.ts';
import { checkQuote, dynamoPromiseDeps } from '../promise/wiring.ts';
import type { OrderDeps } from './ports.ts';
import { capableDate } from './adjust-guard.ts';
import { buildConsoleOrderModel } from './console-order.ts';
import { salesOrderView } from './views.ts';
import type { QuickQuoteDeps } from './quick-quote.ts';
import type { BoardSource } from './board-source.ts';
import { dynamoBoardSource } from '../../adapters/dynamodb/board-reads.ts';

let deps: OrderDeps | undefined;

/** The order use cases bound to the real adapters; settings read once from the environment. */
export function orderDeps(): OrderDeps {
  const now = () => new Date();
  deps ??= {
    now,
    settings: {
      quoteValiditySeconds: numberEnv('QUOTE_VALIDITY_SECONDS', 14 * 86_400),
      salesEscalationSeconds: numberEnv('SALES_ESCALATION_SECONDS', 4 * 3600),
      orderValueThreshold: numberEnv('ORDER_VALUE_CONFIRMATION_THRESHOLD', 50_000),
      ...(process.env.STAGE_DEADLINE_SECONDS
        ? { stageDeadlineSeconds: numberEnv('STAGE_DEADLINE_SECONDS', 0) }
        : {}),
      overdueRecheckSeconds: numberEnv('OVERDUE_RECHECK_SECONDS', 86_400),
      continueAsNewAfterSeconds: numberEnv('CONTINUE_AS_NEW_AFTER_SECONDS', 300 * 86_400),
    },
    orders: dynamoOrderRepository,
    customers: {
      async get(customerId) {
        const customer = await getCustomer(customerId);
        return (
          customer && {
            customerId,
            tier: customer.tier,
            region: customer.region,
            acceptsSplitDelivery: customer.acceptsSplitDelivery,
          }
        );
      },
    },
    products: {
      async missing(skus) {
        const found = await getProducts(skus);
        return [...new Set(skus)].filter((sku) => !found.has(sku));
      },
    },
    promises: orderPromisePort(dynamoPromiseDeps(now)),
    workflow: {
      start: async (name, input) => void (await startOrderWorkflow(name, input)),
      state: executionState,
      stop: stopExecution,
      resume: resumeTask,
      fail: failTask,
    },
    notify: async (notice) => void (await notify(notice)),
    requestErpStatus,
    trackingLink,
  };
  return deps;
}

/** The console's what-if quote: the order checks, the catalogue and the promise check of /v1/promise-check. */
export function quickQuoteDeps(): QuickQuoteDeps {
  const { now, customers, products } = orderDeps();
  return {
    now,
    customers,
    products,
    catalogue: async (skus) => getProducts(skus),
    checkQuote,
    currency: optionalEnv('CURRENCY', 'EUR'),
  };
}

/** The console board's reads bound to DynamoDB (projections, batches). */
export const boardSource = (): BoardSource => dynamoBoardSource;

/** Inquiries stored but never started, oldest first, for the stranded-inquiry schedule. */
export const strandedInquiryReads = { receivedBefore: listInquiriesReceivedBefore };

/** The confirmation queue's reads: the order use cases' ports plus each customer's name and tier. */
export const consoleQueueDeps = () => ({
  ...orderDeps(),
  customerCard: async (customerId: string) => {
    const customer = await getCustomer(customerId);
    return customer && { name: customer.name, tier: customer.tier };
  },
});

/** The console's order page model, read from the table, the supply settings and the customer. */
export const consoleOrderModel = (orderId: string) =>
  buildConsoleOrderModel(
    {
      view: salesOrderView,
      customerCard: async (customerId) => {
        const customer = await getCustomer(customerId);
        return customer && { name: customer.name, tier: customer.tier, region: customer.region };
      },
      products: (skus) => getProducts([...skus]),
      capableDate: (id) => capableDate(id).catch(() => undefined),
      shippingCalendar: async () => (await getPlant()).shippingCalendar,
      currency: () => optionalEnv('CURRENCY', 'EUR'),
    },
    orderId,
  );
