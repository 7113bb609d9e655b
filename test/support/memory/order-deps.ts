/**
 * The order use cases' ports in memory, on a clock the test moves: no AWS, no DynamoDB Local.
 * The workflow port records what was asked of it, as the Step Functions adapter would act on it.
 */
import { MemoryOrderRepository } from '../../../functions/adapters/memory/order-repository.ts';
import type {
  CustomerFacts,
  ExecutionState,
  Notice,
  OrderDeps,
  PromisePort,
} from '../../../functions/usecases/order/ports.ts';

export interface MemoryOrderWorld {
  readonly deps: OrderDeps;
  readonly orders: MemoryOrderRepository;
  readonly notices: Notice[];
  readonly started: string[];
  readonly resumed: { taskToken: string; output: unknown }[];
  readonly executions: Map<string, ExecutionState>;
  setNow(iso: string): void;
}

export function memoryOrderWorld(options: {
  now: string;
  customers?: CustomerFacts[];
  skus?: string[];
  promises?: Partial<PromisePort>;
}): MemoryOrderWorld {
  let now = new Date(options.now);
  const orders = new MemoryOrderRepository();
  const notices: Notice[] = [];
  const started: string[] = [];
  const resumed: { taskToken: string; output: unknown }[] = [];
  const executions = new Map<string, ExecutionState>();
  const customers = new Map((options.customers ?? []).map((customer) => [customer.customerId, customer]));
  const skus = new Set(options.skus ?? []);
  const unexpected = (name: string) => () =>
    Promise.reject(new Error(`promise port ${name} not expected here`));
  const deps: OrderDeps = {
    now: () => new Date(now),
    settings: {
      quoteValiditySeconds: 14 * 86_400,
      salesEscalationSeconds: 4 * 3600,
      orderValueThreshold: 50_000,
      overdueRecheckSeconds: 86_400,
      continueAsNewAfterSeconds: 300 * 86_400,
    },
    orders,
    customers: { get: async (customerId) => customers.get(customerId) },
    products: { missing: async (wanted) => [...new Set(wanted)].filter((sku) => !skus.has(sku)) },
    promises: {
      quote: unexpected('quote'),
      reserve: unexpected('reserve'),
      release: async () => undefined,
      current: async () => undefined,
      adjust: unexpected('adjust'),
      recheckAfterEvent: async () => ({ changed: false }),
      plantTimeZone: async () => 'UTC',
      ...options.promises,
    },
    workflow: {
      start: async (name) => {
        if (!executions.has(name)) started.push(name);
        executions.set(name, 'RUNNING');
      },
      state: async (name) => executions.get(name) ?? 'MISSING',
      stop: async (name) => void executions.set(name, 'ABORTED'),
      resume: async (taskToken, output) => {
        resumed.push({ taskToken, output });
        return 'resumed';
      },
      fail: async () => 'failed',
    },
    notify: async (notice) => void notices.push(notice),
    requestErpStatus: async () => 'not-configured',
    trackingLink: async (orderId) => ({
      token: `token-${orderId}`,
      url: `https://track.example/${orderId}`,
      tokenHash: `hash-${orderId}`,
    }),
  };
  return {
    deps,
    orders,
    notices,
    started,
    resumed,
    executions,
    setNow: (iso) => void (now = new Date(iso)),
  };
}
