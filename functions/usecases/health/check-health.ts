import { ServiceUnavailableError } from '../../shared/errors.ts';

export interface HealthDeps {
  readonly now: () => Date;
  /** The table's status: `ACTIVE` when it can serve. */
  readonly tableStatus: () => Promise<{ status: string; error?: string }>;
}

export interface Health {
  readonly status: 'ok';
  readonly time: string;
  readonly checks: { readonly table: string };
}

/**
 * Whether the API can serve: healthy only when the table answers and is active (every route but
 * this one reads or writes it), so a monitor sees an outage instead of "ok".
 * 1. Ask the table for its status.
 * 2. Anything but ACTIVE is a ServiceUnavailableError (503) naming what is wrong.
 */
export async function checkHealth(deps: HealthDeps): Promise<Health> {
  const table = await deps.tableStatus();
  if (table.status !== 'ACTIVE')
    throw new ServiceUnavailableError(
      `The order table cannot serve (${table.status}${table.error ? `: ${table.error}` : ''}); retry later`,
      { table: table.status },
    );
  return { status: 'ok', time: deps.now().toISOString(), checks: { table: table.status } };
}
