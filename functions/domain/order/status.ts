/**
 * Order statuses as the API shows them, and the rules for moving between them. The workflow is the
 * only writer of forward progress; these rules make every write conditional on where the order is,
 * so a retried or late step can never move an order backwards.
 */
export const ORDER_STATUSES = [
  'INQUIRY_RECEIVED',
  'AWAITING_SALES_CONFIRMATION',
  'QUOTED',
  'ORDER_CONFIRMED',
  'MATERIAL_PREP',
  'IN_PRODUCTION',
  'SHIPPED',
  'DELIVERED',
  'QUOTE_REJECTED',
  'QUOTE_EXPIRED',
  'CANCELLED',
  'NEEDS_ATTENTION',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const TERMINAL_STATUSES: readonly OrderStatus[] = [
  'DELIVERED',
  'QUOTE_REJECTED',
  'QUOTE_EXPIRED',
  'CANCELLED',
];

export const isTerminal = (status: OrderStatus): boolean => TERMINAL_STATUSES.includes(status);

/** Statuses in which the workflow is still responsible for the order. */
export const OPEN_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter(
  (status) => !isTerminal(status) && status !== 'NEEDS_ATTENTION',
);

/** Statuses from which each status may be entered. */
const ENTERED_FROM: Record<OrderStatus, readonly OrderStatus[]> = {
  INQUIRY_RECEIVED: [],
  AWAITING_SALES_CONFIRMATION: ['INQUIRY_RECEIVED', 'QUOTED', 'AWAITING_SALES_CONFIRMATION'],
  QUOTED: ['INQUIRY_RECEIVED', 'AWAITING_SALES_CONFIRMATION', 'QUOTED'],
  ORDER_CONFIRMED: ['QUOTED'],
  MATERIAL_PREP: ['ORDER_CONFIRMED'],
  IN_PRODUCTION: ['MATERIAL_PREP'],
  SHIPPED: ['IN_PRODUCTION'],
  DELIVERED: ['SHIPPED'],
  QUOTE_REJECTED: ['QUOTED'],
  QUOTE_EXPIRED: ['QUOTED'],
  CANCELLED: [...OPEN_STATUSES, 'NEEDS_ATTENTION'],
  // Any open order whose workflow failed or cannot promise a date waits here for a person; it
  // leaves only by retry (back to the status it had, see resume.ts) or cancellation.
  NEEDS_ATTENTION: OPEN_STATUSES,
};

export const allowedPredecessors = (to: OrderStatus): readonly OrderStatus[] => ENTERED_FROM[to];

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => ENTERED_FROM[to].includes(from);
