/**
 * Settings come from the environment, read once. A missing required variable fails at start with
 * its name, not later with an undefined deep inside a request.
 */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`Missing required environment variable ${name}`);
  return value;
}

export function optionalEnv(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

export function numberEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`Environment variable ${name} must be a number, got "${raw}"`);
  return value;
}

/** AWS endpoint overrides: set locally, absent in the cloud. Nothing else differs. */
export function endpointFor(service: 'DYNAMODB' | 'SFN' | 'SES' | 'SMS'): string | undefined {
  return process.env[`${service}_ENDPOINT`] || undefined;
}
